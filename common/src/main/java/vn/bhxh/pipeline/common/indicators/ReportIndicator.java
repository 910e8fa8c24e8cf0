package vn.bhxh.pipeline.common.indicators;

import java.io.Serializable;
import java.util.List;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Facet;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;

/**
 * One entry of the catalogue's {@code report} section: an indicator the report tables show side by
 * side, which of its facets (value, target, attainment…) become columns, and whether the bulletin
 * shows it.
 *
 * @param definition the indicator, as in the catalogue (its names and unit label the bulletin)
 * @param facets the facets that are report columns, in column order
 * @param inBulletin whether the bulletin shows the indicator: in paragraphs of its own where it has
 *     them, else among its other indicators
 */
public record ReportIndicator(
    IndicatorDefinition definition, List<Facet> facets, boolean inBulletin)
    implements Serializable {

  public ReportIndicator {
    facets = List.copyOf(facets);
  }

  /** The indicator code. */
  public String code() {
    return definition.code();
  }

  /**
   * The report columns, in order: named and typed by the rule of {@code ReportMeasureColumns}
   * ({@code bigint} for counts and sums, {@code double} for ratios).
   */
  public List<Measure> measures() {
    return facets.stream().map(f -> Measure.of(code(), f, definition.isAdditive())).toList();
  }
}
