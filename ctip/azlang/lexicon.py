"""A small core lexicon of Azerbaijani words, in dictionary form and lowercase.

Used where a document's own words are not enough to tell a word from a fragment: a line-end
hyphen between two words (`tədris-metodik`, `Əhməd-zadə`) is a real hyphen, one inside a word
(`əsa-sında`) is not. The list holds frequent words of official texts and the usual parts of
hyphenated compounds; it is not a dictionary.
"""

from __future__ import annotations

CORE_WORDS: frozenset[str] = frozenset(
    """
ad adı ağır aid aidiyyəti ailə akt aktual alver alveri ana ancaq ara arasında artım aşağı ata
axtarış az azad əməkdaş tərəfdaş vətəndaşlıq beynəlxalq bağlı baş bazar bel belə bərabər beynəlxalq bilik bir birgə birlik bölgə
bölmə bu bunlar buraxılış cari cəmiyyət cənub cinayət cinsi daxili dairə daha daim dair dəfə
dəniz dərs dəstək dil dinc dövlət dövr elm elmi əlavə əmək əməkdaşlıq əməliyyat əsas faiz
fəaliyyət fərdi forma gənc gələcək görüş göstərici gün hal hava hesabat hərbi hər həyat
hökumət hüquq hüquqi icra icraçı ictimai iqtisadi il ilə ilk insan informasiya iş işçi
istintaq istiqamət iştirak kadr kənd kiçik kütləvi layihə maddə maliyyə material məhkəmə
məktəb məktub məlumat mənəvi mərkəz məsələ metodik metodiki miqrasiya milli mühafizə mülki
müstəqil nazirlik nəqliyyat nəticə normativ orqan orta peşə plan polis praktik praktiki
proqram psixoloji qadın qanun qarşı qeyri qərar qərb qurban qurum rayon region regional
respublika sahə sahil sərhəd sənəd sosial şəhər şərq şimal şöbə tədbir tədris təhsil
təhlükəsizlik təlim tərəf texniki tibb tibbi uşaq üzrə vahid vəsait vəziyyət vətəndaş xarici
xidmət yaş yeni yerli yol zadə zərər
""".split()
)

# Nouns that reports count ("362 şəxs", "12 000 vərəqə"), in dictionary form. A number's
# noun is read against this list first, so a noun that only looks inflected stays whole
# (vərəqə, göstərici, gəmi, iclas). Units of time, age and kind (il, ay, yaş, dəfə, hal,
# növ, dil) are not here: they are not counted things.
COUNTED_NOUNS: frozenset[str] = frozenset(
    """
şəxs nəfər insan adam vətəndaş əcnəbi miqrant qurban zərərçəkmiş uşaq qadın kişi qız oğlan
yeniyetmə gənc ailə ana ata valideyn şagird tələbə müəllim məzun dinləyici iştirakçı təlimçi
ekspert mütəxəssis psixoloq psixiatr həkim mama işçi əməkdaş zabit gizir əsgər hərbçi polis
inspektor prokuror müstəntiq hakim vəkil notarius diplomat konsul səfir nümayəndə üzv
könüllü sakin sərnişin turist qaçqın məhkum şübhəli təqsirləndirilən müttəhim işəgötürən
sahibkar jurnalist bloger istifadəçi izləyici tamaşaçı koordinator sədr rəhbər direktor
operator sürücü dənizçi pilot tərcüməçi məsləhətçi mentor əlil pensiyaçı
tədbir təlim seminar konfrans görüş iclas müşavirə forum sessiya vebinar treninq kurs dərs
modul mühazirə aksiya kampaniya yarış müsabiqə festival sərgi reyd yoxlama monitorinq
müayinə əməliyyat araşdırma sorğu anket müraciət şikayət zəng məktub sənəd hesabat arayış
tövsiyə təklif qərar əmr protokol saziş memorandum müqavilə layihə proqram qrant cinayət
fakt hadisə cavab göstərici indikator nüsxə vərəqə buklet broşür kitabça plakat banner
stend afişa poster videoçarx çarx video film reportaj veriliş məqalə material vəsait
dərslik bələdçi infoqrafika paylaşım baxış post konsultasiya məsləhət xidmət paket
ölkə dövlət şəhər rayon kənd qəsəbə region bölgə məktəb universitet müəssisə təşkilat
qurum şirkət idarə şöbə mərkəz sığınacaq xəstəxana poliklinika məntəqə səfirlik konsulluq
nümayəndəlik ofis filial komissiya komitə qrup şəbəkə kanal marşrut dəstə
gəmi qayıq avtomobil maşın avtobus təyyarə reys qatar pasport viza vəsiqə sertifikat
diplom kompüter cihaz kamera otaq çarpayı yer
bənd yarımbənd maddə iş faiz manat dollar avro rubl lira
""".split()
)
