package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code participation} dataset: one row per person per scheme active in the month. Landing
 * columns (CONTRACT §1) and the table's columns, where {@code person_id} is replaced by {@code
 * person_key}.
 */
public final class ParticipationColumns {
  public static final String DATASET = "participation";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String DISTRICT_CODE = "district_code";
  public static final String PERSON_ID = CommonColumns.PERSON_ID;
  public static final String PERSON_KEY = CommonColumns.PERSON_KEY;
  public static final String SCHEME = "scheme";
  public static final String HI_GROUP = "hi_group";
  public static final String EMPLOYER_ID = "employer_id";
  public static final String GENDER = "gender";
  public static final String BIRTH_YEAR = "birth_year";

  /** Allowed values of {@link #SCHEME}. */
  public static final List<String> SCHEMES = List.of("SI_COMPULSORY", "SI_VOLUNTARY", "UI", "HI");

  /** Allowed values of {@link #HI_GROUP}. */
  public static final List<String> HI_GROUPS =
      List.of("EMPLOYER", "STATE_BUDGET", "BUDGET_SUPPORTED", "HOUSEHOLD", "OTHER");

  /** Allowed values of {@link #GENDER}. */
  public static final List<String> GENDERS = List.of("M", "F");

  /** Landing file columns, in the contract's order (the order the generator writes). */
  public static final List<String> LANDING_COLUMNS =
      List.of(
          PERIOD,
          PROVINCE_CODE,
          DISTRICT_CODE,
          PERSON_ID,
          SCHEME,
          HI_GROUP,
          EMPLOYER_ID,
          GENDER,
          BIRTH_YEAR);

  /** Landing columns that must be present in a file's header. */
  public static final List<String> REQUIRED_LANDING_COLUMNS =
      List.of(PERIOD, PROVINCE_CODE, PERSON_ID, SCHEME);

  /** The Delta table, partitioned by {@link #PERIOD}. */
  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(DISTRICT_CODE, StringType, true)
          .add(PERSON_KEY, LongType, false)
          .add(SCHEME, StringType, false)
          .add(HI_GROUP, StringType, true)
          .add(EMPLOYER_ID, StringType, true)
          .add(GENDER, StringType, true)
          .add(BIRTH_YEAR, IntegerType, true)
          .add(CommonColumns.SOURCE_FILE, StringType, false)
          .add(CommonColumns.RUN_ID, StringType, false);

  private ParticipationColumns() {}
}
