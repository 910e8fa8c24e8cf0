package vn.bhxh.pipeline.jobs.publish;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Why a period is not ready to publish (docs/publication.md): figures marked incomplete (a province
 * did not deliver a dataset) and error findings of the validation checks. Each reason is a phrase
 * the refusal prints and the publication records when it is forced.
 */
final class ReadinessCheck {
  /** Indicator codes or rules named in a reason; the rest are counted. */
  private static final int NAMED = 5;

  private ReadinessCheck() {}

  /**
   * The reasons, empty when the period is ready.
   *
   * @param indicators the period's rows of {@code indicators} at the version to publish
   */
  static List<String> reasons(TableCatalog catalog, Dataset<Row> indicators, Period period) {
    List<String> reasons = new ArrayList<>();
    // The nation's figures are complete only when every province delivered their datasets.
    List<String> incomplete =
        codes(
            indicators
                .where(col(IndicatorColumns.GEO_LEVEL).equalTo(IndicatorColumns.LEVEL_NATION))
                .where(col(IndicatorColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
                .where(col(IndicatorColumns.COMPLETE).equalTo(false)),
            IndicatorColumns.INDICATOR);
    if (!incomplete.isEmpty()) {
      reasons.add(
          "data incomplete: "
              + incomplete.size()
              + " national figure(s) lack a province's delivery ("
              + named(incomplete)
              + ")");
    }
    if (catalog.exists(ValidationColumns.TABLE)) {
      Dataset<Row> errors =
          catalog
              .read(ValidationColumns.TABLE)
              .where(col(ValidationColumns.PERIOD).equalTo(period.toString()))
              .where(col(ValidationColumns.SEVERITY).equalTo(ValidationColumns.SEVERITY_ERROR));
      List<String> rules = codes(errors, ValidationColumns.RULE);
      if (!rules.isEmpty()) {
        reasons.add("validation errors in " + ValidationColumns.TABLE + " (" + named(rules) + ")");
      }
    }
    return reasons;
  }

  /** The distinct values of a code column, sorted: a few dozen at most. */
  private static List<String> codes(Dataset<Row> rows, String column) {
    return rows.select(column).distinct().orderBy(column).collectAsList().stream()
        .map(row -> row.getString(0))
        .toList();
  }

  private static String named(List<String> codes) {
    String listed = String.join(", ", codes.subList(0, Math.min(NAMED, codes.size())));
    return codes.size() > NAMED ? listed + " and " + (codes.size() - NAMED) + " more" : listed;
  }
}
