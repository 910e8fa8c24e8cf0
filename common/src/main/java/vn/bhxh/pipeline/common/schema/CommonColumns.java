package vn.bhxh.pipeline.common.schema;

/** Column names shared by several datasets (CONTRACT §1 and §3). */
public final class CommonColumns {
  public static final String PERIOD = "period";
  public static final String PROVINCE_CODE = "province_code";
  public static final String PERSON_ID = "person_id";
  public static final String PERSON_KEY = "person_key";

  /** Lineage: the landing file a row came from, relative to the landing root. */
  public static final String SOURCE_FILE = "source_file";

  /** Lineage: the run that wrote the row. */
  public static final String RUN_ID = "run_id";

  private CommonColumns() {}
}
