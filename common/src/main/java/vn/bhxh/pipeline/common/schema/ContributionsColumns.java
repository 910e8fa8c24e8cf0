package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code contributions} dataset: one row per payer per month. In the table {@code payer_id} is
 * replaced by {@code payer_key} (a keyed hash for every payer, so the column has one type).
 */
public final class ContributionsColumns {
  public static final String DATASET = "contributions";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String PROVINCE_CODE = CommonColumns.PROVINCE_CODE;
  public static final String PAYER_ID = "payer_id";
  public static final String PAYER_KEY = "payer_key";
  public static final String PAYER_TYPE = "payer_type";
  public static final String DUE_VND = "due_vnd";
  public static final String PAID_VND = "paid_vnd";
  public static final String ARREARS_VND = "arrears_vnd";
  public static final String MONTHS_OVERDUE = "months_overdue";
  public static final String E_TRANSACTIONS = "e_transactions";

  public static final String PAYER_TYPE_EMPLOYER = "EMPLOYER";
  public static final String PAYER_TYPE_INDIVIDUAL = "INDIVIDUAL";

  /** Allowed values of {@link #PAYER_TYPE}. */
  public static final List<String> PAYER_TYPES =
      List.of(PAYER_TYPE_EMPLOYER, PAYER_TYPE_INDIVIDUAL);

  /** Allowed values of {@link #E_TRANSACTIONS}. */
  public static final List<String> YES_NO = List.of("Y", "N");

  /** Landing file columns, in the contract's order. */
  public static final List<String> LANDING_COLUMNS =
      List.of(
          PERIOD,
          PROVINCE_CODE,
          PAYER_ID,
          PAYER_TYPE,
          DUE_VND,
          PAID_VND,
          ARREARS_VND,
          MONTHS_OVERDUE,
          E_TRANSACTIONS);

  /** Landing columns that must be present in a file's header. */
  public static final List<String> REQUIRED_LANDING_COLUMNS =
      List.of(
          PERIOD,
          PROVINCE_CODE,
          PAYER_ID,
          PAYER_TYPE,
          DUE_VND,
          PAID_VND,
          ARREARS_VND,
          MONTHS_OVERDUE);

  /** The Delta table, partitioned by {@link #PERIOD}. */
  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(PROVINCE_CODE, StringType, false)
          .add(PAYER_KEY, LongType, false)
          .add(PAYER_TYPE, StringType, false)
          .add(DUE_VND, LongType, false)
          .add(PAID_VND, LongType, false)
          .add(ARREARS_VND, LongType, false)
          .add(MONTHS_OVERDUE, IntegerType, false)
          .add(E_TRANSACTIONS, StringType, true)
          .add(CommonColumns.SOURCE_FILE, StringType, false)
          .add(CommonColumns.RUN_ID, StringType, false);

  private ContributionsColumns() {}
}
