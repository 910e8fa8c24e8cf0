package vn.bhxh.pipeline.common.quality;

/**
 * Why a landing row was quarantined or a whole landing file was rejected. The names are stable
 * codes stored in {@code quarantine.reason_codes} and {@code ingest_log.rejection_reason}: rename
 * one and every query and notebook that filters on it breaks, so only ever add codes.
 */
public enum ReasonCode {
  // Row level: a row gets every code that applies to it.
  MISSING_REQUIRED(Scope.ROW, "a required value is empty"),
  BAD_PERIOD_FORMAT(Scope.ROW, "period is not a month YYYY-MM"),
  PERIOD_MISMATCH(Scope.ROW, "period differs from the file's folder"),
  BAD_PROVINCE_FORMAT(Scope.ROW, "province_code is not 2 digits"),
  PROVINCE_MISMATCH(Scope.ROW, "province_code differs from the file's name"),
  BAD_DISTRICT_CODE(Scope.ROW, "district_code is not 3 digits"),
  BAD_PERSON_ID(Scope.ROW, "person_id is not 10 or 12 digits"),
  UNKNOWN_SCHEME(Scope.ROW, "scheme is not SI_COMPULSORY, SI_VOLUNTARY, UI or HI"),
  MISSING_HI_GROUP(Scope.ROW, "hi_group is required when scheme = HI"),
  UNKNOWN_HI_GROUP(Scope.ROW, "hi_group is not a known group"),
  MISSING_EMPLOYER_ID(Scope.ROW, "employer_id is required for SI_COMPULSORY and UI"),
  BAD_GENDER(Scope.ROW, "gender is not M or F"),
  BIRTH_YEAR_OUT_OF_RANGE(Scope.ROW, "birth_year is not between 1900 and the period's year"),
  NOT_AN_INTEGER(Scope.ROW, "a value that must be a whole number is not one"),
  NOT_A_NUMBER(Scope.ROW, "a value that must be a number is not one"),
  NEGATIVE_AMOUNT(Scope.ROW, "an amount or count that must be ≥ 0 is negative"),
  UNKNOWN_PAYER_TYPE(Scope.ROW, "payer_type is not EMPLOYER or INDIVIDUAL"),
  BAD_PAYER_ID(Scope.ROW, "payer_id of an INDIVIDUAL payer is not 10 or 12 digits"),
  MISSING_E_TRANSACTIONS(Scope.ROW, "e_transactions is required for EMPLOYER payers"),
  BAD_E_TRANSACTIONS(Scope.ROW, "e_transactions is not Y or N"),
  UNKNOWN_REGIME(Scope.ROW, "regime is not a known benefit regime"),
  UNKNOWN_PAYMENT_TYPE(Scope.ROW, "payment_type is not ONE_OFF or MONTHLY"),
  DUPLICATE_PERSON_SCHEME(Scope.ROW, "the same person and scheme already appeared in the file"),
  DUPLICATE_PAYER(Scope.ROW, "the same payer already appeared in the file"),
  DUPLICATE_CLAIM_ID(Scope.ROW, "the same claim_id already appeared in the file"),
  RAGGED_ROW(Scope.ROW, "the row has more or fewer fields than the header"),
  BAD_YEAR(Scope.ROW, "year is not between 2000 and 2100"),
  UNKNOWN_PROVINCE(Scope.ROW, "province_code is not a province on 1 January of the year"),
  UNKNOWN_GEO_CODE(Scope.ROW, "geo_code is not a province or region of the year, nor VN"),
  UNKNOWN_INDICATOR(Scope.ROW, "indicator is not in the indicator catalogue"),
  WORKING_AGE_EXCEEDS_POPULATION(Scope.ROW, "working_age_population is larger than population"),
  DUPLICATE_KEY(Scope.ROW, "the same key (year and geo) already appeared in the file"),

  // File level: the whole file is rejected and its slice keeps its last good content.
  BAD_FILE_NAME(Scope.FILE, "not <dataset>/<YYYY-MM>/<PP>.csv or .csv.gz"),
  UNKNOWN_PROVINCE_FOR_PERIOD(Scope.FILE, "the file's province code is not in force that month"),
  DUPLICATE_DELIVERY(Scope.FILE, "both <PP>.csv and <PP>.csv.gz were delivered for one slice"),
  EMPTY_FILE(Scope.FILE, "the file has no header row"),
  MISSING_REQUIRED_COLUMNS(Scope.FILE, "the header lacks required columns"),
  DUPLICATE_COLUMN(Scope.FILE, "the header names a column twice"),
  NOT_UTF8(Scope.FILE, "the file is not valid UTF-8"),
  UNREADABLE(Scope.FILE, "the file cannot be read or decompressed");

  /** Whether a code applies to one row or to a whole file. */
  public enum Scope {
    ROW,
    FILE
  }

  private final Scope scope;
  private final String description;

  ReasonCode(Scope scope, String description) {
    this.scope = scope;
    this.description = description;
  }

  public Scope scope() {
    return scope;
  }

  /** A short English explanation, for summaries and the data-quality notebook. */
  public String description() {
    return description;
  }
}
