package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * Settings of the {@code report} command ({@code pipeline.report} in {@code reference.conf}).
 *
 * @param bulletinBoundary the boundary whose figures the bulletin prints: {@code reported} or
 *     {@code current}
 * @param bulletinHtml whether the bulletin is also written as HTML
 * @param bulletinHighlights how many provinces the bulletin names as highest and as lowest
 *     attainment
 * @param revisionThresholdPct a revision of an earlier published month is noted in a later month's
 *     bulletin when it moved the figure by at least this many percent (either way)
 */
public record ReportSettings(
    String bulletinBoundary,
    boolean bulletinHtml,
    int bulletinHighlights,
    double revisionThresholdPct)
    implements Serializable {
  private static final List<String> BOUNDARIES =
      List.of(IndicatorColumns.BOUNDARY_REPORTED, IndicatorColumns.BOUNDARY_CURRENT);

  public ReportSettings {
    if (!BOUNDARIES.contains(bulletinBoundary)) {
      throw new ConfigurationException(
          "pipeline.report.bulletin-boundary must be reported or current, got '"
              + bulletinBoundary
              + "'");
    }
    if (bulletinHighlights < 1) {
      throw new ConfigurationException(
          "pipeline.report.bulletin-highlights must be at least 1, got " + bulletinHighlights);
    }
    if (!(revisionThresholdPct >= 0)) {
      throw new ConfigurationException(
          "pipeline.report.revision-threshold-pct must be 0 or more, got " + revisionThresholdPct);
    }
  }

  /** Types the {@code pipeline.report} section. */
  static ReportSettings from(Config report) {
    return new ReportSettings(
        report.getString("bulletin-boundary"),
        report.getBoolean("bulletin-html"),
        report.getInt("bulletin-highlights"),
        report.getDouble("revision-threshold-pct"));
  }
}
