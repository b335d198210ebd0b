"""Council reports: Istog's for the last ended half-year signed, attested and submitted; Peja's
a draft with its summary written; Prishtinë's missing, so the national list shows one late."""

from demo.world import World
from monitoring import reports
from monitoring.models import CouncilReport
from monitoring.periods import half_year

SUMMARIES = {
    "ist": {
        "sq": "Këshilli u mblodh çdo muaj. Ndriçimi dhe siguria në rrugë ishin shqetësimet kryesore.",
        "sr-latn": "Savet se sastajao svakog meseca. Osvetljenje i bezbednost u saobraćaju bili su glavne brige.",
    },
    "pej": {
        "sq": "Draft: mbledhjet u mbajtën, por procesverbalet u publikuan me vonesë.",
        "sr-latn": "Nacrt: sastanci su održani, ali su zapisnici objavljeni sa zakašnjenjem.",
    },
}


def build_reports(world: World) -> None:
    today = world.today
    year, half = (today.year, 1) if today.month > 6 else (today.year - 1, 2)
    for key in ("ist", "pej"):
        council = world.places.councils[key]
        secretary = world.secretary(council)
        report = reports.create_report(
            council,
            by=secretary,
            kind=CouncilReport.Kind.HALF_YEAR,
            period=half_year(year, half, council.zone),
        )
        summary = report.sections.get(key="summary")
        report = reports.save_sections(report, by=secretary, texts={summary.pk: SUMMARIES[key]})
        if key == "ist":
            report = reports.sign_report(report, by=secretary)
            report = reports.attest_report(report, by=world.users["cochair.istok"])
            reports.submit_report(report, by=secretary)
