package vn.bhxh.pipeline.common.publication;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.RevisionColumns;

/**
 * Pure transformations of publication (docs/publication.md): which vintage of each period is the
 * latest, a frozen table as of those vintages, and the revisions of published figures. Only
 * vintages with a {@code publications} row count: the frozen rows of an unfinished publish are
 * never read.
 */
public final class PublicationTransforms {
  private static final String[] INDICATOR_KEY = {
    IndicatorColumns.PERIOD,
    IndicatorColumns.BOUNDARY,
    IndicatorColumns.GEO_LEVEL,
    IndicatorColumns.GEO_CODE,
    IndicatorColumns.INDICATOR
  };

  private PublicationTransforms() {}

  /** The latest vintage of every published period: {@code period, vintage}. */
  public static Dataset<Row> latestVintages(Dataset<Row> publications) {
    return publications
        .groupBy(col(PublicationColumns.PERIOD))
        .agg(max(col(PublicationColumns.VINTAGE)).as(PublicationColumns.VINTAGE))
        .select(PublicationColumns.PERIOD, PublicationColumns.VINTAGE);
  }

  /**
   * The rows of a frozen table ({@code <table>_published}) at the given vintages ({@code period,
   * vintage}), with the live table's columns: the table as it was when each was published.
   */
  public static Dataset<Row> asPublished(
      Dataset<Row> frozen, Dataset<Row> vintages, String... liveColumns) {
    Column[] columns =
        Arrays.stream(liveColumns).map(c -> col("f." + c).as(c)).toArray(Column[]::new);
    return frozen
        .as("f")
        .join(
            vintages.as("v"),
            col("f." + PublishedColumns.PERIOD)
                .equalTo(col("v." + PublicationColumns.PERIOD))
                .and(
                    col("f." + PublishedColumns.VINTAGE)
                        .equalTo(col("v." + PublicationColumns.VINTAGE))))
        .select(columns);
  }

  /**
   * Revisions of every published vintage of some periods: each row of {@code indicators_published}
   * whose vintage has a {@code publications} row, against the same period, boundary, geo and
   * indicator in {@code indicators} now ({@code current}, at Delta version {@code
   * indicatorsVersion}). A figure that is no longer computed has a null current value and revision.
   *
   * @param published rows of {@code indicators_published}
   * @param publications rows of {@code publications}
   * @param current rows of {@code indicators}
   */
  public static Dataset<Row> revisions(
      Dataset<Row> published,
      Dataset<Row> publications,
      Dataset<Row> current,
      long indicatorsVersion) {
    Dataset<Row> vintages =
        publications.select(PublicationColumns.PERIOD, PublicationColumns.VINTAGE).distinct();
    Dataset<Row> frozen =
        published
            .join(
                vintages,
                new String[] {PublishedColumns.PERIOD, PublishedColumns.VINTAGE},
                "left_semi")
            .select(
                col(IndicatorColumns.PERIOD),
                col(IndicatorColumns.BOUNDARY),
                col(IndicatorColumns.GEO_LEVEL),
                col(IndicatorColumns.GEO_CODE),
                col(IndicatorColumns.GEO_NAME),
                col(IndicatorColumns.INDICATOR),
                col(PublishedColumns.VINTAGE),
                col(IndicatorColumns.VALUE).as(RevisionColumns.PUBLISHED_VALUE));
    Dataset<Row> now =
        current.select(
            col(IndicatorColumns.PERIOD),
            col(IndicatorColumns.BOUNDARY),
            col(IndicatorColumns.GEO_LEVEL),
            col(IndicatorColumns.GEO_CODE),
            col(IndicatorColumns.INDICATOR),
            col(IndicatorColumns.VALUE).as(RevisionColumns.CURRENT_VALUE));
    Column publishedValue = col(RevisionColumns.PUBLISHED_VALUE);
    Column revision = col(RevisionColumns.CURRENT_VALUE).minus(publishedValue);
    return frozen
        .join(now, INDICATOR_KEY, "left")
        .select(
            col(RevisionColumns.PERIOD),
            col(RevisionColumns.BOUNDARY),
            col(RevisionColumns.GEO_LEVEL),
            col(RevisionColumns.GEO_CODE),
            col(RevisionColumns.GEO_NAME),
            col(RevisionColumns.INDICATOR),
            col(RevisionColumns.VINTAGE),
            publishedValue,
            col(RevisionColumns.CURRENT_VALUE),
            revision.as(RevisionColumns.REVISION),
            when(publishedValue.notEqual(lit(0.0)), revision.divide(publishedValue).multiply(100.0))
                .as(RevisionColumns.REVISION_PCT),
            lit(indicatorsVersion).as(RevisionColumns.INDICATORS_VERSION));
  }
}
