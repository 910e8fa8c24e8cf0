package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The {@code benefits} dataset: one row per settled claim or payment in the month. */
public final class BenefitsColumns {
  public static final String DATASET = "benefits";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String CLAIM_ID = "claim_id";
  public static final String PERSON_ID = CommonColumns.PERSON_ID;
  public static final String PERSON_KEY = CommonColumns.PERSON_KEY;
  public static final String REGIME = "regime";
  public static final String PAYMENT_TYPE = "payment_type";
  public static final String AMOUNT_VND = "amount_vnd";

  /** Allowed values of {@link #REGIME}. */
  public static final List<String> REGIMES =
      List.of(
          "SICKNESS",
          "MATERNITY",
          "WORK_INJURY",
          "OLD_AGE",
          "SURVIVOR",
          "UNEMPLOYMENT",
          "HI_INPATIENT",
          "HI_OUTPATIENT");

  /** Allowed values of {@link #PAYMENT_TYPE}. */
  public static final List<String> PAYMENT_TYPES = List.of("ONE_OFF", "MONTHLY");

  /** Landing file columns, in the contract's order. */
  public static final List<String> LANDING_COLUMNS =
      List.of(PERIOD, PROVINCE_CODE, CLAIM_ID, PERSON_ID, REGIME, PAYMENT_TYPE, AMOUNT_VND);

  /** Landing columns that must be present in a file's header (all of them). */
  public static final List<String> REQUIRED_LANDING_COLUMNS = LANDING_COLUMNS;

  /** The Delta table, partitioned by {@link #PERIOD}. */
  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(CLAIM_ID, StringType, false)
          .add(PERSON_KEY, LongType, false)
          .add(REGIME, StringType, false)
          .add(PAYMENT_TYPE, StringType, false)
          .add(AMOUNT_VND, LongType, false)
          .add(CommonColumns.SOURCE_FILE, StringType, false)
          .add(CommonColumns.RUN_ID, StringType, false);

  private BenefitsColumns() {}
}
