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

# The other languages of the demo"s municipalities and readers: Serbian in Cyrillic (what
# locale/transliterate_sr.py makes of the Latin names), Bosnian (Pejë) and Turkish (Prishtinë).
MORE_LANGUAGES = {
    "drugs": {
        "sr": ("Дрога", "Продаја или употреба дроге на јавним местима."),
        "bs": ("Droga", "Prodaja ili upotreba droge na javnim mjestima."),
        "tr": ("Uyuşturucu", "Kamuya açık yerlerde uyuşturucu satışı veya kullanımı."),
    },
    "public-order": {
        "sr": ("Јавни ред и мир", "Туче, бука, узнемиравање или нарушавање реда на јавном месту."),
        "bs": (
            "Javni red i mir",
            "Tuče, buka, uznemiravanje ili narušavanje reda na javnom mjestu.",
        ),
        "tr": ("Kamu düzeni", "Kamuya açık yerlerde kavga, gürültü, taciz veya düzeni bozma."),
    },
    "traffic-safety": {
        "sr": (
            "Безбедност саобраћаја",
            "Пребрза или опасна вожња, небезбедни пешачки прелази или недостатак саобраћајних знакова.",
        ),
        "bs": (
            "Sigurnost saobraćaja",
            "Prebrza ili opasna vožnja, nesigurni pješački prelazi ili nedostatak saobraćajnih znakova.",
        ),
        "tr": (
            "Trafik güvenliği",
            "Aşırı hız, tehlikeli sürüş, güvensiz geçitler veya eksik trafik işaretleri.",
        ),
    },
    "domestic-violence": {
        "sr": ("Насиље у породици", "Насиље или претње унутар породице или домаћинства."),
        "bs": ("Nasilje u porodici", "Nasilje ili prijetnje unutar porodice ili domaćinstva."),
        "tr": ("Aile içi şiddet", "Aile ya da hane içinde şiddet veya tehdit."),
    },
    "property-crime": {
        "sr": ("Имовински криминал", "Провале, крађе, вандализам или оштећење имовине."),
        "bs": ("Imovinski kriminal", "Provale, krađe, vandalizam ili oštećenje imovine."),
        "tr": ("Mala karşı suçlar", "Hırsızlık, soygun, vandalizm veya mala zarar verme."),
    },
    "corruption": {
        "sr": ("Корупција", "Мито или злоупотреба службеног положаја."),
        "bs": ("Korupcija", "Mito ili zloupotreba službenog položaja."),
        "tr": ("Yolsuzluk", "Rüşvet veya görevlilerin görevi kötüye kullanması."),
    },
    "organised-crime": {
        "sr": ("Организовани криминал", "Кријумчарење, изнуда или организоване криминалне групе."),
        "bs": ("Organizirani kriminal", "Krijumčarenje, iznuda ili organizirane kriminalne grupe."),
        "tr": ("Organize suç", "Kaçakçılık, haraç veya organize suç grupları."),
    },
    "human-trafficking": {
        "sr": (
            "Трговина људима / савремено ропство",
            "Принудни рад, сексуална експлоатација или људи задржани против своје воље.",
        ),
        "bs": (
            "Trgovina ljudima / savremeno ropstvo",
            "Prisilni rad, seksualno iskorištavanje ili ljudi zadržani protiv svoje volje.",
        ),
        "tr": (
            "İnsan ticareti / modern kölelik",
            "Zorla çalıştırma, cinsel sömürü veya iradesi dışında alıkonulan kişiler.",
        ),
    },
    "inter-ethnic-incident": {
        "sr": (
            "Међуетнички инцидент",
            "Говор мржње, графити мржње или напади усмерени против неке заједнице.",
        ),
        "bs": (
            "Međuetnički incident",
            "Govor mržnje, grafiti mržnje ili napadi usmjereni protiv neke zajednice.",
        ),
        "tr": (
            "Etnik gruplar arası olay",
            "Bir topluluğu hedef alan nefret söylemi, nefret yazıları veya saldırılar.",
        ),
    },
    "youth-and-schools": {
        "sr": ("Млади и школе", "Безбедност деце и младих у школама и око њих."),
        "bs": ("Mladi i škole", "Sigurnost djece i mladih u školama i oko njih."),
        "tr": ("Gençlik ve okullar", "Okullarda ve çevresinde çocukların ve gençlerin güvenliği."),
    },
    "lighting-and-infrastructure": {
        "sr": (
            "Расвета и инфраструктура",
            "Неисправна улична расвета, оштећени путеви, небезбедне зграде или отворени шахтови.",
        ),
        "bs": (
            "Rasvjeta i infrastruktura",
            "Neispravna ulična rasvjeta, oštećeni putevi, nesigurne zgrade ili otvoreni šahtovi.",
        ),
        "tr": (
            "Aydınlatma ve altyapı",
            "Bozuk sokak lambaları, hasarlı yollar, güvensiz binalar veya açık rögarlar.",
        ),
    },
    "stray-animals": {
        "sr": ("Животиње луталице", "Пси луталице или стока без надзора који угрожавају људе."),
        "bs": ("Životinje lutalice", "Psi lutalice ili stoka bez nadzora koji ugrožavaju ljude."),
        "tr": (
            "Sahipsiz hayvanlar",
            "İnsanları tehlikeye atan sokak köpekleri veya başıboş hayvanlar.",
        ),
    },
    "other": {
        "sr": ("Остало", "Било који други проблем у вези са безбедношћу."),
        "bs": ("Ostalo", "Bilo koji drugi problem u vezi sa sigurnošću."),
        "tr": ("Diğer", "Diğer her türlü güvenlik sorunu."),
    },
}


# Handled apart (DOMAIN.md): the secretary and the safeguarding officer only.
SENSITIVE = {"domestic-violence", "human-trafficking"}


def build_categories() -> dict[str, Category]:
    categories = {}
    for position, (code, (name, description, given)) in enumerate(CATEGORIES.items()):
        translations = {**given, **MORE_LANGUAGES[code]}
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
