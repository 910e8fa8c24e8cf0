package vn.bhxh.pipeline.common.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.RevisionColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class PublicationTransformsTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final PublishedColumns.Source INDICATORS = PublishedColumns.SOURCES.get(0);

  @Test
  void revisionsCompareEveryRecordedVintageWithTheCurrentFigure() {
    Dataset<Row> published =
        SPARK.createDataFrame(
            List.of(
                frozen("2025-09", "01", "hi_participants", 200.0, 1),
                frozen("2025-09", "01", "hi_participants", 210.0, 2),
                frozen("2025-09", "01", "payers_overdue_3m", 0.0, 1),
                frozen("2025-09", "02", "hi_participants", 50.0, 1),
                // Vintage 3 was never recorded in publications: a killed publish's rows.
                frozen("2025-09", "01", "hi_participants", 999.0, 3)),
            INDICATORS.publishedSchema());
    Dataset<Row> publications =
        SPARK.createDataFrame(
            List.of(publication("2025-09", 1), publication("2025-09", 2)),
            PublicationColumns.TABLE_SCHEMA);
    Dataset<Row> current =
        SPARK.createDataFrame(
            List.of(
                indicator("2025-09", "01", "hi_participants", 231.0),
                indicator("2025-09", "01", "payers_overdue_3m", 4.0),
                indicator("2025-10", "01", "hi_participants", 500.0)),
            IndicatorColumns.TABLE_SCHEMA);

    // 231 − 200 = 31, 15.5 %; 231 − 210 = 21, 10 %; from 0 no percentage; 02 is gone.
    assertSameRows(
        RevisionColumns.TABLE_SCHEMA,
        rows(
            revision("01", "hi_participants", 1, 200.0, 231.0, 31.0, 15.5),
            revision("01", "hi_participants", 2, 210.0, 231.0, 21.0, 10.0),
            revision("01", "payers_overdue_3m", 1, 0.0, 4.0, 4.0, null),
            revision("02", "hi_participants", 1, 50.0, null, null, null)),
        PublicationTransforms.revisions(published, publications, current, 7L));
  }

  @Test
  void asPublishedReadsTheLatestRecordedVintageOfEachPeriod() {
    Dataset<Row> published =
        SPARK.createDataFrame(
            List.of(
                frozen("2025-09", "01", "hi_participants", 200.0, 1),
                frozen("2025-09", "01", "hi_participants", 210.0, 2),
                frozen("2025-09", "01", "hi_participants", 999.0, 3),
                frozen("2025-10", "01", "hi_participants", 300.0, 1)),
            INDICATORS.publishedSchema());
    Dataset<Row> publications =
        SPARK.createDataFrame(
            List.of(
                publication("2025-09", 1), publication("2025-09", 2), publication("2025-10", 1)),
            PublicationColumns.TABLE_SCHEMA);

    Dataset<Row> rows =
        PublicationTransforms.asPublished(
            published,
            PublicationTransforms.latestVintages(publications),
            INDICATORS.schema().fieldNames());

    assertThat(rows.columns()).containsExactly(INDICATORS.schema().fieldNames());
    assertThat(
            rows.orderBy(IndicatorColumns.PERIOD).collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getDouble(6))
                .toList())
        .containsExactly("2025-09 210.0", "2025-10 300.0");
  }

  /** A revisions row of 2025-09, reported boundary, a province named Hà Nội, version 7. */
  private static Row revision(
      String geo,
      String indicator,
      int vintage,
      Double published,
      Double current,
      Double revision,
      Double revisionPct) {
    return row(
        "2025-09",
        "reported",
        "province",
        geo,
        "Hà Nội",
        indicator,
        vintage,
        published,
        current,
        revision,
        revisionPct,
        7L);
  }

  private static Row frozen(
      String period, String geo, String indicator, double value, int vintage) {
    List<Object> values = new ArrayList<>(fields(indicator(period, geo, indicator, value)));
    values.add(vintage);
    return RowFactory.create(values.toArray());
  }

  private static List<Object> fields(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    return values;
  }

  private static Row indicator(String period, String geo, String indicator, double value) {
    return RowFactory.create(
        period,
        IndicatorColumns.BOUNDARY_REPORTED,
        IndicatorColumns.LEVEL_PROVINCE,
        geo,
        "Hà Nội",
        indicator,
        value,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        true);
  }

  private static Row publication(String period, int vintage) {
    return RowFactory.create(
        period,
        vintage,
        Timestamp.valueOf("2025-10-05 09:00:00"),
        "run-" + period + "-" + vintage,
        null,
        3L,
        null,
        new String[0]);
  }
}
