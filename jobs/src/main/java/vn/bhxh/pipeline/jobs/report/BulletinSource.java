package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.ReportIndicator;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.RegionSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.report.bulletin.Bulletin;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Check;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.FileDelivery;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Nation;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.ProvinceLine;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.RegionLine;
import vn.bhxh.pipeline.jobs.report.bulletin.KeyFigures;

/**
 * The rows of the report tables that the bulletins of a run are made from: collected once for all
 * the run's periods (one query per table, not one per period and table), then split by period into
 * a {@link BulletinData} each. The tables of one period are small (one nation row, a handful of
 * regions, at most 63 provinces and 189 file slices per boundary), so collecting them to the driver
 * is cheap and bounded.
 */
final class BulletinSource {
  private final String boundary;
  private final List<Measure> measures;
  private final List<ReportIndicator> otherIndicators;
  private final Map<String, List<Row>> nation;
  private final Map<String, List<Row>> regions;
  private final Map<String, List<Row>> scorecard;
  private final Map<String, List<Row>> dataQuality;
  private final Map<String, List<Row>> findings;

  private BulletinSource(
      String boundary,
      IndicatorCatalogue catalogue,
      Map<String, List<Row>> nation,
      Map<String, List<Row>> regions,
      Map<String, List<Row>> scorecard,
      Map<String, List<Row>> dataQuality,
      Map<String, List<Row>> findings) {
    this.boundary = boundary;
    this.measures = ReportTransforms.measures(catalogue);
    this.otherIndicators = Bulletin.otherIndicators(catalogue.report());
    this.nation = nation;
    this.regions = regions;
    this.scorecard = scorecard;
    this.dataQuality = dataQuality;
    this.findings = findings;
  }

  /**
   * Collects the rows of the boundary (where the table has one) from the report tables, already
   * restricted to the run's periods; the catalogue's {@code report} section says which columns are
   * key figures and which indicators the bulletin lists besides those it has paragraphs for.
   */
  static BulletinSource collect(
      String boundary,
      IndicatorCatalogue catalogue,
      Dataset<Row> nation,
      Dataset<Row> regions,
      Dataset<Row> scorecard,
      Dataset<Row> dataQuality,
      Dataset<Row> findings) {
    Column inBoundary = col(ReportColumns.BOUNDARY).equalTo(boundary);
    return new BulletinSource(
        boundary,
        catalogue,
        byPeriod(nation.where(inBoundary)),
        byPeriod(regions.where(inBoundary)),
        byPeriod(scorecard.where(inBoundary)),
        byPeriod(dataQuality),
        byPeriod(findings));
  }

  private static Map<String, List<Row>> byPeriod(Dataset<Row> rows) {
    return rows.collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.<String>getAs(ReportColumns.PERIOD)));
  }

  /** The bulletin's rows of one period. */
  BulletinData read(Period period) {
    String key = period.toString();
    List<Row> nationRows = nation.getOrDefault(key, List.of());
    if (nationRows.size() != 1) {
      throw new PipelineException(
          "report_nation_summary has "
              + nationRows.size()
              + " rows for "
              + period
              + " ("
              + boundary
              + " boundary); expected one: are there "
              + boundary
              + " indicators for "
              + period
              + "?");
    }
    Row n = nationRows.get(0);
    Nation nationLine =
        new Nation(
            n.<Integer>getAs(NationSummaryColumns.PROVINCES_EXPECTED),
            n.<Integer>getAs(NationSummaryColumns.PROVINCES_COMPLETE),
            figures(n, measures),
            n.<Boolean>getAs(NationSummaryColumns.COMPLETE));

    List<ProvinceLine> provinceLines =
        scorecard.getOrDefault(key, List.of()).stream()
            .map(
                p ->
                    new ProvinceLine(
                        p.getAs(ProvinceScorecardColumns.PROVINCE_CODE),
                        p.getAs(ProvinceScorecardColumns.PROVINCE_NAME),
                        p.getAs(ProvinceScorecardColumns.REGION_CODE),
                        p.getAs(ProvinceScorecardColumns.REGION_NAME),
                        figures(p, measures),
                        p.getAs(ProvinceScorecardColumns.RANK_IN_REGION),
                        p.<Integer>getAs(ProvinceScorecardColumns.RANKED_IN_REGION),
                        p.getAs(ProvinceScorecardColumns.RANK_IN_NATION),
                        p.<Integer>getAs(ProvinceScorecardColumns.RANKED_IN_NATION),
                        p.<Boolean>getAs(ProvinceScorecardColumns.COMPLETE)))
            .toList();
    // Regions in the order of their first province code, which runs from north to south (the
    // statistics office's order, Red River Delta first); provinces by region, then by code.
    Map<String, String> firstProvince = new HashMap<>();
    for (ProvinceLine province : provinceLines) {
      firstProvince.merge(
          province.regionCode(), province.code(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    Comparator<String> regionOrder =
        Comparator.comparing((String region) -> firstProvince.getOrDefault(region, "~"))
            .thenComparing(Comparator.naturalOrder());
    provinceLines =
        provinceLines.stream()
            .sorted(
                Comparator.comparing(ProvinceLine::regionCode, regionOrder)
                    .thenComparing(ProvinceLine::code))
            .toList();

    List<RegionLine> regionLines =
        regions.getOrDefault(key, List.of()).stream()
            .map(
                r ->
                    new RegionLine(
                        r.getAs(RegionSummaryColumns.REGION_CODE),
                        r.getAs(RegionSummaryColumns.REGION_NAME),
                        r.<Integer>getAs(RegionSummaryColumns.PROVINCES_EXPECTED),
                        r.<Integer>getAs(RegionSummaryColumns.PROVINCES_COMPLETE),
                        figures(r, measures),
                        r.<Boolean>getAs(RegionSummaryColumns.COMPLETE)))
            .sorted(Comparator.comparing(RegionLine::code, regionOrder))
            .toList();

    List<FileDelivery> deliveries =
        dataQuality.getOrDefault(key, List.of()).stream()
            .sorted(
                Comparator.comparing((Row d) -> d.<String>getAs(DataQualityColumns.DATASET))
                    .thenComparing(d -> d.<String>getAs(DataQualityColumns.PROVINCE_CODE)))
            .map(
                d ->
                    new FileDelivery(
                        d.getAs(DataQualityColumns.DATASET),
                        d.getAs(DataQualityColumns.PROVINCE_CODE),
                        d.getAs(DataQualityColumns.PROVINCE_NAME),
                        d.<Boolean>getAs(DataQualityColumns.RECEIVED),
                        d.<Long>getAs(DataQualityColumns.ROWS_QUARANTINED)))
            .toList();
    List<Check> checks =
        findings.getOrDefault(key, List.of()).stream()
            .map(
                f ->
                    new Check(
                        f.getAs(ValidationColumns.SEVERITY),
                        f.getAs(ValidationColumns.KIND),
                        f.getAs(ValidationColumns.RULE),
                        f.getAs(ValidationColumns.GEO_CODE),
                        f.getAs(ValidationColumns.INDICATOR),
                        f.getAs(ValidationColumns.MESSAGE)))
            .toList();
    return new BulletinData(
        period,
        boundary,
        nationLine,
        regionLines,
        provinceLines,
        deliveries,
        checks,
        otherIndicators);
  }

  /** The measure columns of a report row, by column name. */
  static KeyFigures figures(Row row, List<Measure> measures) {
    Map<String, Object> values = new HashMap<>();
    for (Measure measure : measures) {
      values.put(measure.column(), row.getAs(measure.column()));
    }
    return KeyFigures.of(values);
  }
}
