"""Concern categories of the demo; each code doubles as the Open311 ``service_code``."""

from concerns.models import Category
from demo.upsert import upsert

# code: (name, description, {language: (name, description)})
CATEGORIES = {
    "drugs": (
        "Drugs",
        "Drug dealing or drug use in public places.",
        {
            "sq": ("Droga", "Shitje ose përdorim i drogës në vende publike."),
            "sr-latn": ("Droga", "Prodaja ili upotreba droge na javnim mestima."),
            "ar": ("المخدرات", "بيع المخدرات أو تعاطيها في الأماكن العامة."),
            "ckb": ("ماددەی هۆشبەر", "فرۆشتن یان بەکارهێنانی ماددەی هۆشبەر لە شوێنە گشتییەکان."),
        },
    ),
    "public-order": (
        "Public order",
        "Fights, noise, harassment or disturbances in public.",
        {
            "sq": ("Rendi publik", "Përleshje, zhurmë, ngacmime ose prishje e rendit në publik."),
            "sr-latn": (
                "Javni red i mir",
                "Tuče, buka, uznemiravanje ili narušavanje reda na javnom mestu.",
            ),
            "ar": (
                "النظام العام",
                "شجارات أو ضوضاء أو مضايقات أو إخلال بالنظام في الأماكن العامة.",
            ),
            "ckb": (
                "ڕێکوپێکیی گشتی",
                "شەڕ، ژاوەژاو، بێزارکردن یان تێکدانی ئارامی لە شوێنە گشتییەکان.",
            ),
        },
    ),
    "traffic-safety": (
        "Traffic safety",
        "Speeding, dangerous driving, unsafe crossings or missing road signs.",
        {
            "sq": (
                "Siguria në trafik",
                "Shpejtësi e tepërt, vozitje e rrezikshme, vendkalime të pasigurta ose "
                "mungesë e sinjalizimit rrugor.",
            ),
            "sr-latn": (
                "Bezbednost saobraćaja",
                "Prebrza ili opasna vožnja, nebezbedni pešački prelazi ili nedostatak "
                "saobraćajnih znakova.",
            ),
            "ar": (
                "السلامة المرورية",
                "السرعة الزائدة أو القيادة الخطرة أو معابر مشاة غير آمنة أو غياب إشارات المرور.",
            ),
            "ckb": (
                "سەلامەتیی هاتوچۆ",
                "خێرایی زۆر، لێخوڕینی مەترسیدار، پەڕینەوەی ناسەلامەت یان نەبوونی نیشانەکانی ڕێگا.",
            ),
        },
    ),
    "domestic-violence": (
        "Domestic violence",
        "Violence or threats within a family or household.",
        {
            "sq": ("Dhuna në familje", "Dhunë ose kërcënime brenda familjes ose shtëpisë."),
            "sr-latn": (
                "Nasilje u porodici",
                "Nasilje ili pretnje unutar porodice ili domaćinstva.",
            ),
            "ar": ("العنف الأسري", "عنف أو تهديدات داخل الأسرة أو المنزل."),
            "ckb": ("توندوتیژیی خێزانی", "توندوتیژی یان هەڕەشە لەناو خێزان یان ماڵدا."),
        },
    ),
    "property-crime": (
        "Property crime",
        "Burglary, theft, vandalism or damage to property.",
        {
            "sq": (
                "Krimet ndaj pronës",
                "Vjedhje me thyerje, vjedhje, vandalizëm ose dëmtim i pronës.",
            ),
            "sr-latn": (
                "Imovinski kriminal",
                "Provale, krađe, vandalizam ili oštećenje imovine.",
            ),
            "ar": ("جرائم الممتلكات", "السطو أو السرقة أو التخريب أو إتلاف الممتلكات."),
            "ckb": ("تاوانی دژی موڵک", "دزیکردن لە ماڵ، دزی، وێرانکاری یان زیانگەیاندن بە موڵک."),
        },
    ),
    "corruption": (
        "Corruption",
        "Bribes or abuse of office by officials.",
        {
            "sq": ("Korrupsioni", "Ryshfet ose shpërdorim i detyrës zyrtare."),
            "sr-latn": ("Korupcija", "Mito ili zloupotreba službenog položaja."),
            "ar": ("الفساد", "الرشوة أو إساءة استخدام المنصب من قبل المسؤولين."),
            "ckb": ("گەندەڵی", "بەرتیل یان خراپ بەکارهێنانی پۆست لەلایەن کاربەدەستانەوە."),
        },
    ),
    "organised-crime": (
        "Organised crime",
        "Smuggling, extortion or organised criminal groups.",
        {
            "sq": (
                "Krimi i organizuar",
                "Kontrabandë, zhvatje ose grupe kriminale të organizuara.",
            ),
            "sr-latn": (
                "Organizovani kriminal",
                "Krijumčarenje, iznuda ili organizovane kriminalne grupe.",
            ),
            "ar": ("الجريمة المنظمة", "التهريب أو الابتزاز أو العصابات الإجرامية المنظمة."),
            "ckb": (
                "تاوانی ڕێکخراو",
                "قاچاخچێتی، باجسەندنی بەزۆر یان گرووپە تاوانکارە ڕێکخراوەکان.",
            ),
        },
    ),
    "human-trafficking": (
        "Human trafficking / modern slavery",
        "Forced labour, sexual exploitation or people held against their will.",
        {
            "sq": (
                "Trafikimi me qenie njerëzore / skllavëria moderne",
                "Punë e detyruar, shfrytëzim seksual ose njerëz të mbajtur kundër vullnetit "
                "të tyre.",
            ),
            "sr-latn": (
                "Trgovina ljudima / savremeno ropstvo",
                "Prinudni rad, seksualna eksploatacija ili ljudi zadržani protiv svoje volje.",
            ),
            "ar": (
                "الاتجار بالبشر / العبودية الحديثة",
                "العمل القسري أو الاستغلال الجنسي أو احتجاز أشخاص رغماً عنهم.",
            ),
            "ckb": (
                "بازرگانی بە مرۆڤ / کۆیلایەتیی نوێ",
                "کاری بەزۆر، چەوساندنەوەی سێکسی یان ڕاگرتنی خەڵک بە پێچەوانەی ویستی خۆیان.",
            ),
        },
    ),
    "inter-ethnic-incident": (
        "Inter-ethnic incident",
        "Hate speech, hate graffiti or attacks aimed at a community.",
        {
            "sq": (
                "Incident ndëretnik",
                "Gjuhë urrejtjeje, grafite urrejtjeje ose sulme që synojnë një komunitet.",
            ),
            "sr-latn": (
                "Međuetnički incident",
                "Govor mržnje, grafiti mržnje ili napadi usmereni protiv neke zajednice.",
            ),
            "ar": (
                "حادث بين المكونات العرقية",
                "خطاب كراهية أو كتابات كراهية على الجدران أو اعتداءات تستهدف مجتمعاً ما.",
            ),
            "ckb": (
                "ڕووداوی نێوان نەتەوەیی",
                "وتاری ڕق، نووسینی ڕق لەسەر دیوار یان هێرش بۆ سەر کۆمەڵگایەک.",
            ),
        },
    ),
    "youth-and-schools": (
        "Youth and schools",
        "Safety of children and young people in and around schools.",
        {
            "sq": (
                "Të rinjtë dhe shkollat",
                "Siguria e fëmijëve dhe e të rinjve në shkolla dhe përreth tyre.",
            ),
            "sr-latn": ("Mladi i škole", "Bezbednost dece i mladih u školama i oko njih."),
            "ar": ("الشباب والمدارس", "سلامة الأطفال والشباب داخل المدارس وحولها."),
            "ckb": (
                "گەنجان و قوتابخانەکان",
                "سەلامەتیی منداڵان و گەنجان لەناو قوتابخانەکان و دەوروبەریان.",
            ),
        },
    ),
    "lighting-and-infrastructure": (
        "Lighting and infrastructure",
        "Broken street lights, damaged roads, unsafe buildings or open manholes.",
        {
            "sq": (
                "Ndriçimi dhe infrastruktura",
                "Ndriçim rrugor i prishur, rrugë të dëmtuara, ndërtesa të pasigurta ose "
                "puseta të hapura.",
            ),
            "sr-latn": (
                "Rasveta i infrastruktura",
                "Neispravna ulična rasveta, oštećeni putevi, nebezbedne zgrade ili otvoreni "
                "šahtovi.",
            ),
            "ar": (
                "الإنارة والبنية التحتية",
                "إنارة شوارع معطلة أو طرق متضررة أو مبانٍ غير آمنة أو فتحات صرف مكشوفة.",
            ),
            "ckb": (
                "ڕووناکی و ژێرخان",
                "گڵۆپی شەقامی تێکچوو، ڕێگای خراپ، بینای ناسەلامەت یان دەرچەی ئاوەڕۆی کراوە.",
            ),
        },
    ),
    "stray-animals": (
        "Stray animals",
        "Stray dogs or loose livestock that put people at risk.",
        {
            "sq": (
                "Kafshët endacake",
                "Qen endacakë ose bagëti të lëshuara që rrezikojnë njerëzit.",
            ),
            "sr-latn": (
                "Životinje lutalice",
                "Psi lutalice ili stoka bez nadzora koji ugrožavaju ljude.",
            ),
            "ar": ("الحيوانات السائبة", "كلاب ضالة أو مواشٍ سائبة تشكل خطراً على الناس."),
            "ckb": (
                "ئاژەڵی بەرەڵا",
                "سەگی بەرەڵا یان ئاژەڵی بێ سەرپەرشت کە مەترسی بۆ خەڵک دروست دەکەن.",
            ),
        },
    ),
    "other": (
        "Other",
        "Any other safety or security concern.",
        {
            "sq": ("Tjetër", "Çdo shqetësim tjetër për sigurinë."),
            "sr-latn": ("Ostalo", "Bilo koji drugi problem u vezi sa bezbednošću."),
            "ar": ("أخرى", "أي مخاوف أخرى تتعلق بالسلامة أو الأمن."),
            "ckb": ("هیتر", "هەر نیگەرانییەکی تری سەلامەتی یان ئاسایش."),
        },
    ),
}


# Handled apart (DOMAIN.md): the secretary and the safeguarding officer only.
SENSITIVE = {"domestic-violence", "human-trafficking"}


def build_categories() -> dict[str, Category]:
    categories = {}
    for position, (code, (name, description, translations)) in enumerate(CATEGORIES.items()):
        categories[code], _ = upsert(
            Category,
            {"code": code},
            {
                "name": name,
                "description": description,
                "name_translations": {lang: text[0] for lang, text in translations.items()},
                "description_translations": {lang: text[1] for lang, text in translations.items()},
                "position": (position + 1) * 10,
                "is_active": True,
                "is_sensitive": code in SENSITIVE,
            },
        )
    return categories
