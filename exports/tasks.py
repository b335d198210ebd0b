from celery import shared_task
from django.conf import settings

from exports import services

# acks_late (config/celery.py, every task): a worker lost mid-file gives the message back and
# the next run takes the export over (services.build_export).
LIMIT = settings.CSC["EXPORT_TIME_LIMIT_SECONDS"]


@shared_task(ignore_result=True, soft_time_limit=LIMIT, time_limit=LIMIT + 30)
def build_export(export_id: int) -> str:
    return services.build_export(export_id)


@shared_task(ignore_result=True)
def purge_expired_exports() -> int:
    return services.purge_expired_exports()
