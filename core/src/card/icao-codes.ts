/**
 * The country codes an ICAO 9303 MRZ may carry in its issuing-state and nationality fields: ISO 3166-1 alpha-3
 * plus the codes ICAO adds (Doc 9303 part 3: 'D' for Germany, the British and UN documents, refugees and
 * stateless persons, the EU, Kosovo, and 'UTO' of ICAO's own specimens). The check digits do not cover these
 * fields, so a misread or foreign document code would otherwise pass.
 */
const ISO_3166_ALPHA3 =
  'AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BES ' +
  'BIH BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV ' +
  'CUB CUW CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU ' +
  'GHA GIB GRC GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM ' +
  'JPN JEY JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ ' +
  'MRT MUS MYT MEX FSM MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN ' +
  'PAK PLW PSE PAN PNG PRY PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU ' +
  'SEN SRB SYC SLE SGP SXM SVK SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL ' +
  'TON TTO TUN TUR TKM TCA TUV UGA UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE';

const ICAO_ONLY = 'D EUE GBD GBN GBO GBP GBS RKS UNA UNK UNO UTO XBA XCC XCE XCO XDC XEC XES XIM XMP XOM XPO XXA XXB XXC XXX';

const CODES: ReadonlySet<string> = new Set(`${ISO_3166_ALPHA3} ${ICAO_ONLY}`.split(' '));

/** True when `code` (filler '<' already removed) is a country code an MRZ may hold. */
export function isIcaoCountryCode(code: string): boolean {
  return CODES.has(code);
}

/** How many ISO 3166-1 alpha-3 codes the list holds (249 assigned), for its test. */
export const ISO_ALPHA3_COUNT = ISO_3166_ALPHA3.split(' ').length;
