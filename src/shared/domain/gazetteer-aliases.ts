/**
 * Tagwerk's own gazetteer table: German exonyms and spellings pinned onto the data package's
 * entries, and regions the package has no entry for, each with the source of its coordinates.
 */
import type { Place } from './gazetteer';

/** More names for an entry the data package has; `name` replaces an outdated primary name. */
export interface PlaceAliasRow {
  id: string;
  aliases: readonly string[];
  name?: string;
}

/**
 * Aliases onto GeoNames places (`geonames:<id>`, from the GeoNames cities500 dump) and countries
 * (`iso3166:<alpha-2>`). Many of these names are also among GeoNames' alternate names or
 * world-countries' German translations; pinning them here makes them curated matches, which
 * rank above variant spellings (GeoNames lists "Kebele" for a village in Slovenia, too).
 */
export const PLACE_ALIASES: readonly PlaceAliasRow[] = [
  // Countries.
  { id: 'iso3166:AM', aliases: ['Armenien', 'Republik Armenien', 'Hayastan'] },
  { id: 'iso3166:AZ', aliases: ['Aserbaidschan', 'Aserbeidschan', 'Republik Aserbaidschan', 'Azərbaycan'] },
  { id: 'iso3166:RU', aliases: ['Russland', 'Russische Föderation', 'Rußland'] },
  { id: 'iso3166:TR', aliases: ['Türkei', 'Türkiye', 'Turkey'] },
  { id: 'iso3166:UA', aliases: ['Ukraine', 'Ukrajina'] },
  { id: 'iso3166:US', aliases: ['Vereinigte Staaten', 'Vereinigte Staaten von Amerika', 'USA', 'US-Amerika'] },
  { id: 'iso3166:GE', aliases: ['Georgien'] },
  { id: 'iso3166:SY', aliases: ['Syrien'] },
  { id: 'iso3166:PS', aliases: ['Palästina', 'Palästinensische Gebiete', 'Palästinensische Autonomiegebiete'] },
  // South Caucasus.
  { id: 'geonames:616052', aliases: ['Eriwan', 'Jerewan', 'Erewan', 'Yerevan'] },
  { id: 'geonames:587084', aliases: ['Baku', 'Bakı'] },
  { id: 'geonames:146970', aliases: ['Stepanakert', 'Chankendi', 'Chankändi', 'Khankendi', 'Xankəndi', 'Xankendi'] },
  { id: 'geonames:147105', aliases: ['Schuscha', 'Schuschi', 'Shusha', 'Shushi', 'Şuşa'] },
  { id: 'geonames:586268', name: 'Kəlbəcər', aliases: ['Kelbadschar', 'Kalbajar', 'Kelbajar', 'Karvachar'] },
  // "Region Kebele" in German reports of October 2020 is Qəbələ (Gabala); GeoNames still calls
  // the town by its Soviet name Qutqashen.
  { id: 'geonames:585231', name: 'Qəbələ', aliases: ['Kebele', 'Gabala', 'Qabala'] },
  // Laçın and Ağdam share their names with bigger towns in Turkey and Iran; in Tagwerk's corpora
  // they are the Karabakh towns.
  { id: 'geonames:147625', aliases: ['Latschin', 'Lachin', 'Laçın', 'Berdzor'] },
  { id: 'geonames:148619', aliases: ['Agdam', 'Aghdam', 'Ağdam'] },
  { id: 'geonames:586523', aliases: ['Gandscha', 'Gəncə', 'Gjandscha'] },
  { id: 'geonames:611717', aliases: ['Tiflis', 'Tbilisi'] },
  // Ukraine.
  { id: 'geonames:703448', aliases: ['Kiew', 'Kyjiw', 'Kyiv', 'Kiev'] },
  { id: 'geonames:706483', aliases: ['Charkiw', 'Charkow', 'Kharkiv'] },
  { id: 'geonames:698740', aliases: ['Odessa', 'Odesa'] },
  { id: 'geonames:711350', aliases: ['Butscha', 'Bucha'] },
  { id: 'geonames:701822', aliases: ['Mariupol', 'Mariupolj'] },
  { id: 'geonames:709717', aliases: ['Donezk', 'Donetsk'] },
  { id: 'geonames:702658', aliases: ['Luhansk', 'Lugansk'] },
  { id: 'geonames:706448', aliases: ['Cherson', 'Kherson'] },
  { id: 'geonames:687700', aliases: ['Saporischschja', 'Saporoschje', 'Zaporizhzhia'] },
  { id: 'geonames:702550', aliases: ['Lwiw', 'Lemberg', 'Lviv'] },
  { id: 'geonames:713174', aliases: ['Bachmut', 'Bakhmut'] },
  { id: 'geonames:524901', aliases: ['Moskau', 'Moskva'] },
  // Middle East.
  { id: 'geonames:281133', aliases: ['Gaza', 'Gaza-Stadt', 'Gaza City'] },
  { id: 'geonames:170654', aliases: ['Damaskus'] },
  { id: 'geonames:170063', aliases: ['Aleppo', 'Halab', 'Haleb'] },
  { id: 'geonames:169577', aliases: ['Homs'] },
];

/**
 * Regions that the GeoNames populated-places dump has no entry for. Coordinates are a
 * representative point, not a boundary; each comment names where the point comes from.
 */
export const OWN_PLACES: readonly Place[] = [
  {
    // Mean of the GeoNames coordinates of five district seats of the former Nagorno-Karabakh
    // Autonomous Oblast (Stepanakert 146970, Şuşa 147105, Martakert 587379, Hadrut 148105,
    // Xocalı 147774): 39.8444 N, 46.8292 E, rounded.
    id: 'tagwerk:berg-karabach',
    name: 'Berg-Karabach',
    kind: 'region',
    country: 'AZ',
    lat: 39.84,
    lon: 46.83,
    aliases: [
      'Bergkarabach', 'Karabach', 'Nagorno-Karabakh', 'Nagorny Karabach', 'Nagorno-Karabach', 'Karabakh',
      'Artsakh', 'Arzach', 'Republik Arzach', 'Dağlıq Qarabağ', 'Qarabağ',
    ],
  },
  {
    // CIA World Factbook, "Gaza Strip", geographic coordinates 31 25 N, 34 20 E.
    id: 'tagwerk:gazastreifen',
    name: 'Gazastreifen',
    kind: 'region',
    country: 'PS',
    lat: 31.4167,
    lon: 34.3333,
    aliases: ['Gaza-Streifen', 'Gaza Strip'],
  },
  {
    // CIA World Factbook, "West Bank", geographic coordinates 32 00 N, 35 15 E.
    id: 'tagwerk:westjordanland',
    name: 'Westjordanland',
    kind: 'region',
    country: 'PS',
    lat: 32,
    lon: 35.25,
    aliases: ['West Bank', 'Westbank', 'Cisjordanie'],
  },
  {
    // Midpoint of the GeoNames coordinates of Donetsk (709717) and Luhansk (702658), the capitals
    // of the two oblasts the region is usually taken to be: 48.2963 N, 38.5654 E, rounded.
    id: 'tagwerk:donbas',
    name: 'Donbas',
    kind: 'region',
    country: 'UA',
    lat: 48.3,
    lon: 38.57,
    aliases: ['Donbass', 'Donezbecken'],
  },
];

/** `places` with the alias table applied, the own regions appended, and the alias ids not found. */
export interface AliasedPlaces {
  places: Place[];
  /** Alias-table ids the data package no longer has (a data update renamed or dropped them). */
  missing: string[];
}

/** Applies `aliases` to `places` (new objects for the places that change) and appends `own`. */
export function applyAliasTable(
  places: readonly Place[],
  aliases: readonly PlaceAliasRow[] = PLACE_ALIASES,
  own: readonly Place[] = OWN_PLACES,
): AliasedPlaces {
  const rows = new Map(aliases.map((row) => [row.id, row]));
  const used = new Set<string>();
  const out = places.map((place) => {
    const row = rows.get(place.id);
    if (!row) return place;
    used.add(row.id);
    return withAliases(place, row);
  });
  return { places: [...out, ...own], missing: aliases.map((row) => row.id).filter((id) => !used.has(id)) };
}

// An alias equal to the name stays: it makes the name a curated match, ranked above other
// places' names (Laçın in Karabakh before the larger Laçin in Turkey).
function withAliases(place: Place, row: PlaceAliasRow): Place {
  const name = row.name ?? place.name;
  const aliases = [...new Set([...row.aliases, ...(place.aliases ?? []), ...(name === place.name ? [] : [place.name])])];
  return { ...place, name, aliases };
}
