package vn.bhxh.pipeline.jobs.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/** Figures for the demo's closing summary, read back from the tables the steps wrote. */
record DemoSummary(
    long files,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    Map<String, Long> quarantineReasons,
    long indicatorRows,
    Period lastPeriod,
    List<Row> headline,
    List<String> tables,
    DemoJob.Defects defects) {
  private static final List<String> HEADLINE_INDICATORS =
      List.of(
          "si_participants",
          "si_coverage_pct",
          "ui_participants",
          "hi_participants",
          "hi_coverage_pct",
          "collected_vnd_ytd");

  /**
   * Reads the summary; the collected results are a few aggregates and the handful of national
   * headline rows of one period.
   */
  static DemoSummary read(
      JobEnvironment environment, DemoOptions options, DemoJob.Defects defects) {
    var catalog = environment.catalog();
    Row log =
        catalog
            .read(IngestLogColumns.TABLE)
            .agg(
                count(lit(1)),
                sum(IngestLogColumns.ROWS_READ),
                sum(IngestLogColumns.ROWS_ACCEPTED),
                sum(IngestLogColumns.ROWS_QUARANTINED))
            .first();
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Row reason :
        catalog
            .read(QuarantineColumns.TABLE)
            .select(explode(col(QuarantineColumns.REASON_CODES)).as("reason"))
            .groupBy("reason")
            .count()
            .orderBy(col("count").desc(), col("reason"))
            .collectAsList()) {
      reasons.put(reason.getString(0), reason.getLong(1));
    }
    var indicators = catalog.read(IndicatorColumns.TABLE);
    List<Row> headline =
        indicators
            .where(
                col(IndicatorColumns.PERIOD)
                    .equalTo(options.to().toString())
                    .and(col(IndicatorColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
                    .and(col(IndicatorColumns.GEO_LEVEL).equalTo(IndicatorColumns.LEVEL_NATION))
                    .and(col(IndicatorColumns.INDICATOR).isin(HEADLINE_INDICATORS.toArray())))
            .select(
                IndicatorColumns.INDICATOR,
                IndicatorColumns.VALUE,
                IndicatorColumns.ATTAINMENT_PCT,
                IndicatorColumns.YOY_CHANGE_PCT)
            .collectAsList();
    return new DemoSummary(
        log.getLong(0),
        log.isNullAt(1) ? 0 : log.getLong(1),
        log.isNullAt(2) ? 0 : log.getLong(2),
        log.isNullAt(3) ? 0 : log.getLong(3),
        reasons,
        indicators.count(),
        options.to(),
        headline,
        catalog.tables(),
        defects);
  }

  void print(PrintStream out, DemoOptions options, Duration elapsed, Geography geography) {
    out.printf(
        Locale.ROOT,
        "%nDemo finished in %dm%02ds.%n%n",
        elapsed.toMinutes(),
        elapsed.toSecondsPart());
    out.printf(
        Locale.ROOT,
        "  periods      %s … %s: %d months, %d provinces until %s, %d from %s%n",
        options.from(),
        options.to(),
        PeriodRange.closed(options.from(), options.to()).periods().size(),
        geography.provinces(vn.bhxh.pipeline.common.geo.GeographyVersion.P63).size(),
        geography.p34From().plusMonths(-1),
        geography.provinces(vn.bhxh.pipeline.common.geo.GeographyVersion.P34).size(),
        geography.p34From());
    out.printf(
        Locale.ROOT,
        "  scale        %s × Vietnam's population (synthetic data, seed %d)%n",
        options.scale(),
        options.seed());
    out.printf(
        Locale.US,
        "  ingested     %,d files, %,d rows: %,d accepted, %,d quarantined%n",
        files,
        rowsRead,
        rowsAccepted,
        rowsQuarantined);
    if (!quarantineReasons.isEmpty()) {
      StringBuilder reasons = new StringBuilder();
      quarantineReasons.forEach(
          (reason, rows) ->
              reasons
                  .append(reasons.length() == 0 ? "" : ", ")
                  .append(reason)
                  .append(" ")
                  .append(rows));
      out.println("               reasons: " + reasons);
    }
    out.printf(
        Locale.ROOT,
        "  planted      %d bad rows in %s; %s withheld (so %s is provisional)%n",
        defects.badRows(),
        defects.badRowsFile(),
        defects.missingFile(),
        defects.period());
    out.printf(Locale.US, "  indicators   %,d rows%n", indicatorRows);
    out.printf(Locale.ROOT, "%nNational headline, %s (reported boundary):%n", lastPeriod);
    for (String indicator : HEADLINE_INDICATORS) {
      headline.stream()
          .filter(row -> row.getString(0).equals(indicator))
          .findFirst()
          .ifPresent(row -> out.println("  " + headlineLine(row)));
    }
    out.printf(Locale.ROOT, "%nOutputs:%n");
    out.println("  landing files  " + options.landing());
    out.println(
        "  warehouse      "
            + options.warehouse()
            + "  (tables: "
            + String.join(", ", tables)
            + ")");
    out.println("  extracts       " + options.reports().resolve("extracts"));
    out.println(
        "  bulletins      "
            + options.reports().resolve("bulletin")
            + "  (e.g. "
            + lastPeriod
            + ".md)");
    out.printf(
        Locale.ROOT,
        "%nTry:  bin/pipeline sql --warehouse %s \"select geo_name, value from indicators where"
            + " period = '%s' and boundary = 'current' and geo_level = 'region' and indicator ="
            + " 'hi_coverage_pct' order by value desc\"%n",
        options.warehouse(),
        lastPeriod);
  }

  private static String headlineLine(Row row) {
    String indicator = row.getString(0);
    double value = row.getDouble(1);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", indicator));
    line.append(
        indicator.endsWith("_pct")
            ? String.format(Locale.US, "%,14.2f%%", value)
            : String.format(Locale.US, "%,15.0f", value));
    if (!row.isNullAt(2)) {
      line.append(String.format(Locale.US, "   %.1f%% of plan", row.getDouble(2)));
    }
    if (!row.isNullAt(3)) {
      line.append(String.format(Locale.US, "   %+.1f%% year on year", row.getDouble(3)));
    }
    return line.toString();
  }
}
