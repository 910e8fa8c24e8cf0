package vn.bhxh.pipeline.common.schema;

import static org.apache.spark.sql.types.DataTypes.IntegerType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The frozen copies {@code publish} makes of a period (CONTRACT §4, docs/publication.md): a table
 * {@code <source>_published} per source table, with the source's columns plus {@link #VINTAGE},
 * partitioned by period. {@code indicators_published} is the contract's; the copies of {@code
 * ingest_log}, {@code quarantine} and {@code validation_results} are this implementation's, so that
 * {@code report --as-published} can reproduce the data-quality parts of a report too.
 */
public final class PublishedColumns {
  /** Suffix of a frozen copy's table name. */
  public static final String SUFFIX = "_published";

  public static final String PERIOD = CommonColumns.PERIOD;
  public static final String VINTAGE = PublicationColumns.VINTAGE;

  /** {@code indicators_published}: the figures exactly as published. */
  public static final String INDICATORS = IndicatorColumns.TABLE + SUFFIX;

  /** The tables {@code publish} freezes, with their schemas, indicators first. */
  public static final List<Source> SOURCES =
      List.of(
          new Source(IndicatorColumns.TABLE, IndicatorColumns.TABLE_SCHEMA),
          new Source(IngestLogColumns.TABLE, IngestLogColumns.TABLE_SCHEMA),
          new Source(QuarantineColumns.TABLE, QuarantineColumns.TABLE_SCHEMA),
          new Source(ValidationColumns.TABLE, ValidationColumns.TABLE_SCHEMA));

  private PublishedColumns() {}

  /** The name of the frozen copy of a table. */
  public static String of(String table) {
    return table + SUFFIX;
  }

  /**
   * A table that {@code publish} freezes.
   *
   * @param table the live table
   * @param schema its columns
   */
  public record Source(String table, StructType schema) {
    /** The frozen copy's name. */
    public String published() {
      return of(table);
    }

    /** The frozen copy's columns: the source's and the vintage. */
    public StructType publishedSchema() {
      return schema.add(VINTAGE, IntegerType, false);
    }
  }
}
