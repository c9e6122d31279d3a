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
axtarış az azad bağlı baş bazar bel belə bərabər beynəlxalq bilik bir birgə birlik bölgə
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
