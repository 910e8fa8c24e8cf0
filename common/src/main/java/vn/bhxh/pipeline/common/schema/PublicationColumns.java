package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code publications} table (CONTRACT §4, docs/publication.md): one row per period × vintage,
 * written by {@code publish} as its last step. A vintage exists once its row is here: frozen rows
 * of a vintage without one are the remains of a publish that did not finish, which readers ignore
 * and the next {@code publish} removes.
 */
public final class PublicationColumns {
  public static final String TABLE = "publications";

  public static final String PERIOD = CommonColumns.PERIOD;

  /** 1 for a period's first publication, 2 for the next, … */
  public static final String VINTAGE = "vintage";

  public static final String PUBLISHED_AT = "published_at";
  public static final String RUN_ID = CommonColumns.RUN_ID;

  /** The text given with {@code --note}; null without one. */
  public static final String NOTE = "note";

  /** The Delta version of {@code indicators} whose rows of the period the vintage froze. */
  public static final String INDICATORS_VERSION = "indicators_version";

  /**
   * This implementation's addition: why the period was not ready when it was published with {@code
   * --force} (incomplete data, validation errors); null when it was ready.
   */
  public static final String FORCED_OVER = "forced_over";

  /**
   * This implementation's addition: the lines of the bulletin's "Revisions of earlier months"
   * section at publication (empty when it had none), so that {@code report --as-published} prints
   * that section as it was.
   */
  public static final String REVISION_NOTES = "revision_notes";

  public static final StructType TABLE_SCHEMA =
      new StructType()
          .add(PERIOD, StringType, false)
          .add(VINTAGE, IntegerType, false)
          .add(PUBLISHED_AT, TimestampType, false)
          .add(RUN_ID, StringType, false)
          .add(NOTE, StringType, true)
          .add(INDICATORS_VERSION, LongType, false)
          .add(FORCED_OVER, StringType, true)
          .add(REVISION_NOTES, DataTypes.createArrayType(StringType, false), false);

  private PublicationColumns() {}
}
