"""The public summaries of demo actions in each official language, as staff write them
(publictexts): Albanian and Serbian everywhere, Bosnian in Pejë and Turkish in Prishtinë.
Keyed by the English summary of ``texts.ACTIONS``."""

SUMMARIES = {
    "The police increased evening patrols.": {
        "sq": "Policia i shtoi patrullat e mbrëmjes.",
        "sr-latn": "Policija je pojačala večernje patrole.",
        "bs": "Policija je pojačala večernje patrole.",
        "tr": "Polis akşam devriyelerini artırdı.",
    },
    "Weekend night patrols.": {
        "sq": "Patrulla natën gjatë fundjavës.",
        "sr-latn": "Noćne patrole vikendom.",
        "bs": "Noćne patrole vikendom.",
        "tr": "Hafta sonu gece devriyeleri.",
    },
    "Speed checks near the school.": {
        "sq": "Kontrolle të shpejtësisë pranë shkollës.",
        "sr-latn": "Kontrola brzine kod škole.",
        "bs": "Kontrola brzine kod škole.",
        "tr": "Okul yakınında hız kontrolleri.",
    },
    "Speed bumps and crossing.": {
        "sq": "Pengesa shpejtësie dhe vendkalim i ri.",
        "sr-latn": "Usporivači i obeležen pešački prelaz.",
        "bs": "Usporivači i obilježen pješački prelaz.",
        "tr": "Hız kasisleri ve yaya geçidi.",
    },
    "The police opened an investigation.": {
        "sq": "Policia hapi një hetim.",
        "sr-latn": "Policija je pokrenula istragu.",
        "bs": "Policija je pokrenula istragu.",
        "tr": "Polis soruşturma başlattı.",
    },
    "Night patrols.": {
        "sq": "Patrulla natën.",
        "sr-latn": "Noćne patrole.",
        "bs": "Noćne patrole.",
        "tr": "Gece devriyeleri.",
    },
    "Referred to the Anti-Corruption Agency.": {
        "sq": "U referua në Agjencinë kundër Korrupsionit.",
        "sr-latn": "Upućeno Agenciji za borbu protiv korupcije.",
        "bs": "Upućeno Agenciji za borbu protiv korupcije.",
        "tr": "Yolsuzlukla Mücadele Ajansı'na iletildi.",
    },
    "The police are investigating.": {
        "sq": "Policia po heton.",
        "sr-latn": "Policija istražuje.",
        "bs": "Policija istražuje.",
        "tr": "Polis soruşturuyor.",
    },
    "The graffiti was removed.": {
        "sq": "Grafiti u hoq.",
        "sr-latn": "Grafit je uklonjen.",
        "bs": "Grafit je uklonjen.",
        "tr": "Duvar yazısı temizlendi.",
    },
    "An officer visits the school.": {
        "sq": "Një zyrtar policie e viziton shkollën.",
        "sr-latn": "Policajac posećuje školu.",
        "bs": "Policajac posjećuje školu.",
        "tr": "Bir polis memuru okulu ziyaret ediyor.",
    },
    "The lights were repaired.": {
        "sq": "Ndriçimi u riparua.",
        "sr-latn": "Rasveta je popravljena.",
        "bs": "Rasvjeta je popravljena.",
        "tr": "Sokak lambaları onarıldı.",
    },
    "Temporary safety measures.": {
        "sq": "Masa të përkohshme sigurie.",
        "sr-latn": "Privremene mere bezbednosti.",
        "bs": "Privremene mjere sigurnosti.",
        "tr": "Geçici güvenlik önlemleri.",
    },
    "The dogs were taken to the shelter.": {
        "sq": "Qentë u dërguan në strehimore.",
        "sr-latn": "Psi su odvedeni u prihvatilište.",
        "bs": "Psi su odvedeni u azil.",
        "tr": "Köpekler barınağa götürüldü.",
    },
    "The dump was cleaned.": {
        "sq": "Deponia u pastrua.",
        "sr-latn": "Deponija je očišćena.",
        "bs": "Deponija je očišćena.",
        "tr": "Çöplük temizlendi.",
    },
}


def public_summary(english: str, official_languages: list[str]) -> dict[str, str]:
    """The summary in each official language of the municipality that has a version."""
    versions = SUMMARIES[english]
    return {code: versions[code] for code in official_languages if code in versions}
