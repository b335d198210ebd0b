from celery import shared_task

from concerns.services import staging


@shared_task(ignore_result=True)
def purge_staged_uploads() -> int:
    """Photos kept for a form the resident never sent again are removed after a few hours."""
    return staging.purge_staged_uploads()
