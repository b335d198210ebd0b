"""What residents, secretaries and officers write in the demo, in their languages."""

# category code, language, description
CONCERN_TEMPLATES = [
    ("traffic-safety", "en", "Cars speed past the primary school every morning; there is no crossing guard and no speed bump."),
    ("traffic-safety", "en", "The zebra crossing on the main road has faded and drivers do not stop for children."),
    ("traffic-safety", "en", "Trucks from the gravel pit drive through the village centre at high speed."),
    ("lighting-and-infrastructure", "en", "Three street lights on the road to the bus station have been broken for weeks; it is completely dark at night."),
    ("lighting-and-infrastructure", "en", "There is an open manhole next to the footpath by the market; someone will fall in."),
    ("stray-animals", "en", "A pack of stray dogs gathers near the school gate and chased children twice this week."),
    ("stray-animals", "en", "Cattle wander onto the regional road every evening; a car nearly hit a cow."),
    ("drugs", "en", "Young men sell drugs in the park behind the sports hall in the evenings."),
    ("drugs", "en", "Used syringes were found on the playground near the river."),
    ("property-crime", "en", "Our house was burgled while we were at a wedding; the back door was forced."),
    ("property-crime", "en", "Several cars in our street had their windows smashed overnight."),
    ("inter-ethnic-incident", "en", "Hate graffiti against the Serb community was sprayed on the wall of the community centre."),
    ("inter-ethnic-incident", "en", "Gravestones in the Orthodox cemetery were knocked over; the community is afraid."),
    ("public-order", "en", "Loud fights outside the café after midnight almost every weekend."),
    ("domestic-violence", "en", "I hear my neighbour shouting and a woman crying for help several nights a week."),
    ("youth-and-schools", "en", "Older pupils bully younger children and take their money on the way home from school."),
    ("corruption", "en", "An official asked for money to speed up a building permit."),
    ("organised-crime", "en", "Trucks cross the fields at night without lights; people say fuel is being smuggled."),
    ("human-trafficking", "en", "Workers at the new construction site sleep there and say their passports were taken."),
    ("other", "en", "Rubbish dumped near the river attracts rats and blocks the path."),
    ("traffic-safety", "sq", "Makinat kalojnë me shpejtësi të madhe pranë shkollës fillore; nuk ka shenja as pengesa shpejtësie."),
    ("traffic-safety", "sq", "Nuk ka trotuar në rrugën kryesore të fshatit dhe fëmijët ecin nëpër rrugë."),
    ("lighting-and-infrastructure", "sq", "Ndriçimi rrugor në lagjen tonë nuk punon prej një muaji; natën është errësirë e plotë."),
    ("lighting-and-infrastructure", "sq", "Ura e vogël mbi lumë është e dëmtuar dhe nuk ka parmakë; është e rrezikshme për fëmijët."),
    ("stray-animals", "sq", "Qentë endacakë sulmojnë fëmijët gjatë rrugës për në shkollë."),
    ("stray-animals", "sq", "Bagëtia e lëshuar del në rrugën rajonale çdo mbrëmje."),
    ("drugs", "sq", "Në parkun e qytetit shitet drogë në mbrëmje, pranë fushës së basketbollit."),
    ("property-crime", "sq", "Na e kanë vjedhur dyqanin gjatë natës; në mëngjes dera ishte e thyer."),
    ("property-crime", "sq", "Janë vjedhur kabllot e rrymës nga shtyllat në dalje të fshatit."),
    ("public-order", "sq", "Grupe të rinjsh bëjnë zhurmë dhe përleshen pranë stacionit të autobusëve."),
    ("youth-and-schools", "sq", "Nxënësit e shkollës së mesme pinë alkool dhe duhan para hyrjes së shkollës."),
    ("domestic-violence", "sq", "Fqinja ime ka frikë nga burri i saj; e kam parë disa herë me mavijosje."),
    ("inter-ethnic-incident", "sq", "Dikush ka shkruar fyerje kundër komunitetit rom në murin e shkollës."),
    ("corruption", "sq", "Një zyrtar komunal kërkoi para për ta regjistruar pronën."),
    ("other", "sq", "Mbeturinat hidhen buzë rrugës dhe digjen natën; tymi është i padurueshëm."),
    ("inter-ethnic-incident", "sr-latn", "Na zidu crkve su ispisani uvredljivi grafiti protiv srpske zajednice."),
    ("property-crime", "sr-latn", "Iz kuće povratnika ukradeni su alat i drva dok ga nije bilo."),
    ("traffic-safety", "sr-latn", "Automobili voze prebrzo kroz selo, a deca idu pored puta do škole."),
    ("lighting-and-infrastructure", "sr-latn", "Ulična rasveta kod autobuske stanice ne radi već nedeljama."),
    ("stray-animals", "sr-latn", "Psi lutalice se okupljaju kod prodavnice i napadaju prolaznike."),
    ("public-order", "sr-latn", "Mladići noću prave buku i razbijaju flaše na igralištu."),
    ("traffic-safety", "ar", "السيارات تسير بسرعة كبيرة قرب المدرسة ولا يوجد ممر آمن للمشاة."),
    ("lighting-and-infrastructure", "ar", "أعمدة الإنارة في شارعنا معطلة منذ أسابيع والشارع مظلم تماماً في الليل."),
    ("other", "ar", "توجد نفايات متراكمة قرب النهر وتجذب الجرذان."),
]  # fmt: skip

ADDRESSES = {
    "en": [
        "Main road, near the bus station",
        "Behind the sports hall",
        "Near the primary school",
        "Market square",
        "By the bridge over the river",
        "Near the health centre",
    ],
    "sq": [
        "Rruga kryesore, afër stacionit të autobusëve",
        "Prapa sallës së sporteve",
        "Afër shkollës fillore",
        "Sheshi i tregut",
        "Te ura mbi lumë",
        "Afër qendrës shëndetësore",
    ],
    "sr-latn": ["Glavni put, kod autobuske stanice", "Kod osnovne škole", "Kod mosta na reci"],
    "ar": ["الطريق الرئيسي قرب محطة الحافلات", "قرب المدرسة الابتدائية"],
}

REPORTERS = {
    "en": ["Arben Krasniqi", "Fatmire Gashi", "Luan Berisha", "Vjosa Hoxha", "Kujtim Shala"],
    "sq": ["Shqipe Morina", "Adem Rama", "Ylber Kelmendi", "Emine Bajrami", "Hana Kastrati"],
    "sr-latn": ["Dragana Milić", "Nikola Savić", "Petar Đokić", "Jasmina Redžepi"],
    "ar": ["Omar Al-Hassan", "Layla Haddad"],
}

TRIAGE_NOTES = [
    "Forwarded to the station commander for an assessment.",
    "Same street as a report last month; checking whether it is the same problem.",
    "Called the reporter back: details confirmed.",
    "Asked the Directorate of Public Services whether the repair is planned.",
]

MEMBER_COMMENTS = [
    "Parents raised the same problem at the school council.",
    "Residents of Osojan say this happens every weekend.",
    "The community would like to hear back at the next meeting.",
]

# The safeguarding officer's notes on sensitive concerns (members never see those).
SAFEGUARDING_COMMENTS = [
    "Spoke with the Centre for Social Work; a case manager is assigned.",
    "Reporter reached on the safe number given; she does not want a home visit yet.",
    "Shelter place available in Pejë if needed; victim advocate informed.",
]

# Texts for the reporter are written in each official language (publictexts): Albanian and
# Serbian everywhere, Bosnian in Pejë and Turkish in Prishtinë where given.
REJECTION_REASONS = [
    {
        "sq": "Kjo është një mosmarrëveshje private mes fqinjëve; zyra komunale e ndërmjetësimit "
        "mund t'ju ndihmojë.",
        "sr-latn": "Ovo je privatni spor među komšijama; opštinska kancelarija za medijaciju "
        "može da pomogne.",
        "bs": "Ovo je privatni spor među komšijama; općinska kancelarija za medijaciju može "
        "pomoći.",
        "tr": "Bu, komşular arasında özel bir anlaşmazlıktır; belediyenin arabuluculuk ofisi "
        "yardımcı olabilir.",
    },
    {
        "sq": "Rruga është rrugë nacionale: raportin ia përcollëm Ministrisë së Infrastrukturës.",
        "sr-latn": "Put je državni put: prijavu smo prosledili Ministarstvu infrastrukture.",
    },
    {
        "sq": "Nuk ka mjaft informacion për të vepruar; ju lutemi raportoni përsëri me vendin "
        "dhe kohën.",
        "sr-latn": "Nema dovoljno podataka za postupanje; molimo prijavite ponovo uz mesto i "
        "vreme.",
        "bs": "Nema dovoljno podataka za postupanje; molimo prijavite ponovo uz mjesto i vrijeme.",
    },
    {
        "sq": "Kjo është jashtë komunës; ju lutemi kontaktoni këshillin ku ndodhi.",
        "sr-latn": "Ovo je van opštine; molimo obratite se savetu mesta gde se desilo.",
        "tr": "Bu, belediye sınırları dışındadır; lütfen olayın olduğu yerin konseyine başvurun.",
    },
]

DUPLICATE_NOTE = {
    "sq": "I njëjti problem u raportua më herët; ndiqet nën raportin e mëparshëm.",
    "sr-latn": "Isti problem je ranije prijavljen; prati se pod ranijom prijavom.",
    "bs": "Isti problem je ranije prijavljen; prati se pod ranijom prijavom.",
    "tr": "Aynı sorun daha önce bildirildi; önceki bildirim altında takip ediliyor.",
}

# Messages to the reporter while the work goes on (the status stays as it is).
PUBLIC_UPDATES = [
    {
        "sq": "Policia e vizitoi vendin këtë javë dhe foli me banorët. Do t'ju njoftojmë për "
        "hapin e ardhshëm.",
        "sr-latn": "Policija je ove nedelje posetila mesto i razgovarala sa stanovnicima. "
        "Obavestićemo vas o sledećem koraku.",
        "bs": "Policija je ove sedmice posjetila mjesto i razgovarala sa stanovnicima. "
        "Obavijestit ćemo vas o sljedećem koraku.",
        "tr": "Polis bu hafta yeri ziyaret etti ve sakinlerle konuştu. Bir sonraki adımı size "
        "bildireceğiz.",
    },
    {
        "sq": "Komuna ka porositur materialet; puna fillon sapo të arrijnë, brenda dy javësh.",
        "sr-latn": "Opština je naručila materijal; radovi počinju čim stigne, u roku od dve "
        "nedelje.",
        "bs": "Općina je naručila materijal; radovi počinju čim stigne, u roku od dvije sedmice.",
        "tr": "Belediye malzemeleri sipariş etti; malzemeler gelir gelmez, iki hafta içinde "
        "çalışma başlayacak.",
    },
]

REOPEN_REASONS = [
    "The reporter says the problem is back.",
    "The street lights failed again a week after the repair.",
    "Residents report the dealing has moved back to the park.",
]

CLOSE_NOTES = ["No further reports since the action.", "", "The reporter confirmed."]

RESPONSES = {
    "en": "The council discussed your report and the responsible service acted on it. "
    "Thank you for telling us; report again if the problem returns.",
    "sq": "Këshilli e shqyrtoi raportin tuaj dhe shërbimi përgjegjës ka vepruar. "
    "Faleminderit që na njoftuat; na raportoni përsëri nëse problemi përsëritet.",
    "sr-latn": "Savet je razmotrio vašu prijavu i nadležna služba je postupila. "
    "Hvala što ste nas obavestili; prijavite ponovo ako se problem vrati.",
    "bs": "Vijeće je razmotrilo vašu prijavu i nadležna služba je postupila. "
    "Hvala što ste nas obavijestili; prijavite ponovo ako se problem vrati.",
    "tr": "Konsey bildiriminizi görüştü ve sorumlu birim gereğini yaptı. "
    "Bize bildirdiğiniz için teşekkürler; sorun tekrar ederse yeniden bildirin.",
    "ar": "ناقش المجلس بلاغك وقامت الجهة المسؤولة بالمعالجة. "
    "شكراً لإبلاغنا؛ أبلغنا مجدداً إذا عادت المشكلة.",
}


def in_official_languages(texts: dict[str, str], official: list[str]) -> dict[str, str]:
    """A demo text as staff would write it: in each official language it has a version in."""
    return {code: texts[code] for code in official if code in texts}


# The responsible body: POLICE, or the key of a partner body of the municipality (demo/bodies.py).
POLICE, PUBLIC_SERVICES, ROADS = None, "public-services", "roads"

# category code: [(title, description, public summary, partner body key or POLICE)]
ACTIONS = {
    "drugs": [
        ("Evening patrols around the park", "Patrols 18:00–23:00 at the park and the sports hall; check for dealing.", "The police increased evening patrols.", POLICE),
    ],
    "public-order": [
        ("Patrol the café area on weekend nights", "Visible patrol Friday and Saturday 22:00–02:00.", "Weekend night patrols.", POLICE),
    ],
    "traffic-safety": [
        ("Speed checks near the school at school hours", "Radar checks 7:30–8:30 and 12:00–13:00 for four weeks.", "Speed checks near the school.", POLICE),
        ("Install speed bumps and repaint the crossing", "Two speed bumps and a repainted zebra crossing in front of the school.", "Speed bumps and crossing.", ROADS),
    ],
    "domestic-violence": [
        ("Visit the household with the Centre for Social Work", "Joint visit by the domestic violence investigator and a social worker.", "", POLICE),
    ],
    "property-crime": [
        ("Investigate the burglary and canvass the neighbours", "Collect statements and any camera footage in the street.", "The police opened an investigation.", POLICE),
        ("Night patrols in the affected street", "Two patrols a night for three weeks.", "Night patrols.", POLICE),
    ],
    "corruption": [
        ("Refer the report to the Anti-Corruption Agency", "Send the report and the reporter's consent to the agency.", "Referred to the Anti-Corruption Agency.", "legal"),
    ],
    "organised-crime": [
        ("Pass the information to the regional investigation unit", "Share the report with the regional directorate; no public detail.", "", POLICE),
    ],
    "human-trafficking": [
        ("Inspect the construction site with the labour inspectorate", "Joint inspection; check workers' documents and living conditions.", "", POLICE),
    ],
    "inter-ethnic-incident": [
        ("Investigate the incident as a possible hate crime", "Collect evidence, talk to community leaders, report to the prosecutor.", "The police are investigating.", POLICE),
        ("Remove the graffiti", "Clean the wall within three days.", "The graffiti was removed.", PUBLIC_SERVICES),
    ],
    "youth-and-schools": [
        ("Community policing officer visits the school", "Talk to pupils and teachers; agree a presence at the gate at home time.", "An officer visits the school.", POLICE),
    ],
    "lighting-and-infrastructure": [
        ("Repair the street lights", "Replace the broken lamps and check the cabinet.", "The lights were repaired.", PUBLIC_SERVICES),
        ("Cover the manhole and fence the bridge", "Temporary cover and fence until the repair.", "Temporary safety measures.", PUBLIC_SERVICES),
    ],
    "stray-animals": [
        ("Catch and shelter the stray dogs", "Municipal veterinary service: catch, vaccinate and shelter.", "The dogs were taken to the shelter.", "veterinary"),
    ],
    "other": [
        ("Clean up the illegal dump", "Remove the rubbish and put up a no-dumping sign.", "The dump was cleaned.", PUBLIC_SERVICES),
    ],
}  # fmt: skip

PROGRESS = {
    "start": [
        "Visited the place and spoke to the reporter.",
        "First visit done; talked to residents.",
    ],
    "middle": [
        "Two more patrols this week; residents say it is quieter.",
        "Waiting for the municipality's reply.",
        "Spoke to the school director; agreed on a schedule.",
    ],
    "done": ["Done; residents confirm the problem has stopped.", "Completed as agreed."],
    "verify": ["Checked on site: verified.", "Confirmed with the reporter: verified."],
    "reopen": ["Completion rejected: residents report it again. Please continue."],
}

PROGRESS_OTHER_BODY = {
    "start": ["The Directorate confirmed the work is planned.", "Request sent; reply received."],
    "middle": ["Materials ordered; work starts next week.", "Contractor on site this week."],
    "done": ["The Directorate reports the work is done.", "Completed, photos attached."],
    "verify": ["Checked on site: verified."],
    "reopen": ["Not done properly: residents report it again."],
}

CANCEL_REASONS = [
    "Done by the Directorate as part of the road works; no police action needed.",
    "Merged with the action on the earlier report.",
]

DUE_DATE_REASONS = [
    "Waiting for the municipality to deliver the speed bumps.",
    "The officer was on leave; new date agreed with the commander.",
    "The inspectorate could only join later in the month.",
]

# Meetings
OPENING = "Opening, agenda and the minutes of the last meeting"
POLICE_REPORT = "Police report on the security situation"
TOPICS = [
    ("Safety on the way to school", "Speed bumps in front of the schools of Vrellë and Gurakoc."),
    (
        "Winter: snow clearing and lighting of village roads",
        "List the village roads to light first.",
    ),
    ("Safety of returnee families", "Visit the returnee families with the community police."),
    (
        "Co-operation with the local public safety committees",
        "Meet the local committees twice a year.",
    ),
    (
        "Public forum: preparation",
        "Announce the public forum on radio and in the mosques and churches.",
    ),
    ("Summer season and tourism in the mountains", "Patrols on the mountain roads at weekends."),
]
ANY_OTHER_BUSINESS = "Any other business"
DISCUSSION = [
    "The secretary presented the concern. The police representative explained what was done so far.",
    "Members from the community said the problem continues in the evenings.",
    "The co-chairs asked for a report at the next meeting.",
    "The council agreed that the police and the municipality work on it together.",
]
DECISION_GENERIC = [
    "The council takes note and asks the secretary to inform the reporter.",
    "The council keeps the item on its agenda until the next meeting.",
    "The council asks the municipality to include the repair in this year's budget.",
]
REPORT_BACK = "The responsible officer reported progress; the council keeps following the action."
CANCEL_MEETING = "Postponed: the co-chairs were called to an emergency session on flooding."
GUESTS = [
    ("Besnik Osmani", "OSCE Mission in Kosovo"),
    ("Sanja Đorđević", "UNDP Kosovo"),
    ("Ardita Zeqiri", "Municipal Directorate of Education"),
    ("Hana Morina", "Kosovo Police, regional directorate"),
    ("Liridon Shala", "Local radio"),
]
MINUTES_SUMMARY = "The council reviewed the concerns on its agenda and the open follow-up actions."

# Public texts of published minutes, in the official languages of Kosovo's municipalities.
PUBLIC_MINUTES_SUMMARY = {
    "sq": "Këshilli shqyrtoi shqetësimet e banorëve në rendin e ditës dhe veprimet e hapura. "
    "Vendimet dhe afatet janë më poshtë.",
    "sr-latn": "Savet je razmotrio brige građana na dnevnom redu i otvorene aktivnosti. "
    "Odluke i rokovi su navedeni ispod.",
}
PUBLIC_ITEM_SUMMARIES = [
    {
        "sq": "Anëtarët dëgjuan raportin e policisë dhe të komunës për këtë çështje.",
        "sr-latn": "Članovi su saslušali izveštaj policije i opštine o ovom pitanju.",
    },
    {
        "sq": "Përfaqësuesit e komuniteteve thanë se problemi vazhdon në mbrëmje.",
        "sr-latn": "Predstavnici zajednica su rekli da se problem nastavlja uveče.",
    },
    {
        "sq": "Këshilli u pajtua që policia dhe komuna të punojnë së bashku.",
        "sr-latn": "Savet se složio da policija i opština rade zajedno.",
    },
]
PUBLIC_DECISIONS = {
    "action": {
        "sq": "Këshilli kërkon një veprim pasues dhe raportim në mbledhjen e ardhshme.",
        "sr-latn": "Savet traži naknadnu aktivnost i izveštaj na sledećoj sednici.",
    },
    "recommendation": {
        "sq": "Këshilli i rekomandon komunës ta përfshijë riparimin në buxhetin e këtij viti.",
        "sr-latn": "Savet preporučuje opštini da popravku uvrsti u ovogodišnji budžet.",
    },
    "deferral": {
        "sq": "Çështja shtyhet për mbledhjen e ardhshme.",
        "sr-latn": "Pitanje se odlaže za sledeću sednicu.",
    },
    "minutes_approved": {
        "sq": "Procesverbali i mbledhjes së kaluar u miratua.",
        "sr-latn": "Zapisnik sa prethodne sednice je usvojen.",
    },
}
DEFERRAL = "Deferred: the responsible directorate was not present; the item returns next month."
CORRECTION_REASON = "A member's name was misspelt and the date of the speed checks was wrong."
