package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.List;
import vn.bhxh.pipeline.common.indicators.ReportIndicator;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Everything a bulletin says, as plain values read from the report tables of one period and
 * boundary: the nation, its regions and provinces (in the order to print them), and the files
 * received, and the findings of the validation checks ({@code validation_results}); and the
 * indicators of the catalogue's {@code report} section that the bulletin lists besides those it has
 * paragraphs for ({@code otherIndicators}, with their names and units).
 */
public record BulletinData(
    Period period,
    String boundary,
    Nation nation,
    List<RegionLine> regions,
    List<ProvinceLine> provinces,
    List<FileDelivery> deliveries,
    List<Check> checks,
    List<ReportIndicator> otherIndicators) {

  public BulletinData {
    regions = List.copyOf(regions);
    provinces = List.copyOf(provinces);
    deliveries = List.copyOf(deliveries);
    checks = List.copyOf(checks);
    otherIndicators = List.copyOf(otherIndicators);
  }

  /** A bulletin with no other indicators than those it has paragraphs for. */
  public BulletinData(
      Period period,
      String boundary,
      Nation nation,
      List<RegionLine> regions,
      List<ProvinceLine> provinces,
      List<FileDelivery> deliveries,
      List<Check> checks) {
    this(period, boundary, nation, regions, provinces, deliveries, checks, List.of());
  }

  /** A bulletin without findings of the validation checks. */
  public BulletinData(
      Period period,
      String boundary,
      Nation nation,
      List<RegionLine> regions,
      List<ProvinceLine> provinces,
      List<FileDelivery> deliveries) {
    this(period, boundary, nation, regions, provinces, deliveries, List.of());
  }

  /** A row of {@code report_nation_summary}. */
  public record Nation(
      int provincesExpected, int provincesComplete, KeyFigures figures, boolean complete) {}

  /** A row of {@code report_region_summary}. */
  public record RegionLine(
      String code,
      String name,
      int provincesExpected,
      int provincesComplete,
      KeyFigures figures,
      boolean complete) {}

  /** A row of {@code report_province_scorecard}. */
  public record ProvinceLine(
      String code,
      String name,
      String regionCode,
      String regionName,
      KeyFigures figures,
      Integer rankInRegion,
      int rankedInRegion,
      Integer rankInNation,
      int rankedInNation,
      boolean complete) {}

  /** A row of {@code report_data_quality}. */
  public record FileDelivery(
      String dataset,
      String provinceCode,
      String provinceName,
      boolean received,
      long rowsQuarantined) {}

  /**
   * A row of {@code validation_results}: {@code severity} is {@code error} or {@code warning}, the
   * message says what is wrong, where and how far off.
   */
  public record Check(
      String severity,
      String kind,
      String rule,
      String geoCode,
      String indicator,
      String message) {}
}
