package vn.bhxh.pipeline.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.RevisionColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

/**
 * The monthly routine on a landing zone of one province (Hà Nội, 01) in September and October 2023:
 * nightly, publish September (refused, then forced: nobody else delivered), a corrected September
 * file with October's, nightly again, reports as published, a publish of October killed before its
 * {@code publications} row and repaired, September's second vintage, maintain. Figures by hand:
 * September has 4 compulsory participants, corrected to 6; October has 5; the 2023 population of
 * the province is 1,000 with 600 of working age.
 */
@JobTier
class PublishJobTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final Period SEP = Period.of(2023, 9);
  private static final Period OCT = Period.of(2023, 10);
  private static final String COMPULSORY = "si_compulsory_participants";
  private static final String SI_COVERAGE = "si_coverage_pct";
  private static final String POPULATION = "population";
  private static final String FIRST_PERSON = "1000000001";

  @TempDir static Path root;
  private static Path landing;
  private static Path warehouse;
  private static Path out;
  private static TableCatalog catalog;

  private static Outcome refused;
  private static Outcome firstPublish;
  private static Map<String, byte[]> atFirstPublication;
  private static Map<String, byte[]> afterCorrection;
  private static Map<String, byte[]> asPublishedAfterCorrection;
  private static Map<String, byte[]> asPublishedAtTheEnd;
  private static List<String> revisionsAfterCorrection;
  private static List<String> publicationsAfterKill;
  private static long orphanRowsAfterKill;
  private static Throwable kill;
  private static Outcome repairingPublish;
  private static Outcome secondVintage;
  private static Outcome octoberRefused;
  private static long versionAfterTransform;
  private static Outcome maintain;

  @BeforeAll
  static void theMonthlyRoutine() throws IOException {
    landing = root.resolve("landing");
    warehouse = root.resolve("warehouse");
    out = root.resolve("out");
    catalog =
        TableCatalog.of(
            SPARK, SparkTestSession.config().withLocations(null, warehouse.toString(), null));
    writeReference();
    writeParticipation(SEP, 4);

    assertThat(run("nightly", "--landing", landing.toString()).exitCode()).isZero();
    atFirstPublication = outputs(out, SEP);
    refused = run("publish", "--period", "2023-09");
    firstPublish =
        run("publish", "--period", "2023-09", "--force", "--note", "September conference");

    // Hà Nội corrects September, 6 participants instead of 4, and delivers October.
    writeParticipation(SEP, 6);
    // October also has 6 unemployment-insurance participants for 5 compulsory ones: an error of
    // the rule ui_within_compulsory.
    writeParticipation(OCT, 5, 6);
    assertThat(run("nightly", "--landing", landing.toString()).exitCode()).isZero();
    afterCorrection = new TreeMap<>(outputs(out, SEP));
    afterCorrection.putAll(outputs(out, OCT));
    revisionsAfterCorrection = revisions(SEP);
    Path asPublished = root.resolve("as-published");
    assertThat(run("report", "--as-published", "--out", asPublished.toString()).exitCode())
        .isZero();
    asPublishedAfterCorrection = outputs(asPublished, SEP);

    octoberRefused = run("publish", "--period", "2023-10");
    // October's publish dies after its frozen copies, before its publications row.
    PipelineConfig config =
        SparkTestSession.config().withLocations(null, warehouse.toString(), null);
    JobEnvironment environment =
        new JobEnvironment(
            config, SPARK, catalog, RunContext.start("publish", List.of(), Clock.systemUTC()));
    try {
      PublishJob.run(
          environment,
          new PublishRequest(OCT, Optional.empty(), PublishRequest.Readiness.OVERRIDDEN),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          (period, vintage) -> {
            throw new PipelineException("killed before the publications row of " + period);
          });
    } catch (PipelineException e) {
      kill = e;
    }
    publicationsAfterKill = publications();
    orphanRowsAfterKill =
        catalog
            .read(PublishedColumns.INDICATORS)
            .where(col(PublishedColumns.PERIOD).equalTo(OCT.toString()))
            .count();
    repairingPublish = run("publish", "--period", "2023-10", "--force");
    secondVintage = run("publish", "--period", "2023-09", "--force");
    // A transform of September refreshes its revisions against the version it wrote.
    assertThat(run("transform", "--from", "2023-09", "--to", "2023-09").exitCode()).isZero();
    versionAfterTransform = catalog.version(IndicatorColumns.TABLE).orElseThrow().version();
    maintain = run("maintain");
    Path atTheEnd = root.resolve("as-published-at-the-end");
    assertThat(run("report", "--as-published", "--out", atTheEnd.toString()).exitCode()).isZero();
    asPublishedAtTheEnd = new TreeMap<>(outputs(atTheEnd, SEP));
    asPublishedAtTheEnd.putAll(outputs(atTheEnd, OCT));
  }

  @Test
  void anIncompletePeriodIsRefusedWithTheReasonUntilForced() {
    assertThat(refused.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(refused.stderr())
        .contains("pipeline publish: error: 2023-09 is not ready to publish: data incomplete: ")
        .contains("national figure(s) lack a province's delivery (")
        .contains("(publish --force to publish it anyway)");
    assertThat(firstPublish.exitCode()).isZero();
    assertThat(firstPublish.stdout())
        .contains("publish: 2023-09 vintage 1 from indicators version");
  }

  @Test
  void validationErrorsAreAReasonToo() {
    assertThat(octoberRefused.exitCode()).isEqualTo(JobLauncher.FAILED);
    assertThat(octoberRefused.stderr())
        .contains("2023-10 is not ready to publish: data incomplete: ")
        .contains("; validation errors in validation_results (ui_within_compulsory)");
    Row october =
        catalog
            .read(PublicationColumns.TABLE)
            .where(col(PublicationColumns.PERIOD).equalTo(OCT.toString()))
            .first();
    assertThat(october.<String>getAs(PublicationColumns.FORCED_OVER))
        .endsWith("validation errors in validation_results (ui_within_compulsory)");
  }

  @Test
  void eachPublicationIsARowAndNothingIsEverDeleted() {
    List<Row> rows =
        catalog
            .read(PublicationColumns.TABLE)
            .orderBy(PublicationColumns.PUBLISHED_AT)
            .collectAsList();
    assertThat(rows)
        .extracting(
            r -> r.getAs(PublicationColumns.PERIOD) + " v" + r.getAs(PublicationColumns.VINTAGE))
        .containsExactly("2023-09 v1", "2023-10 v1", "2023-09 v2");
    assertThat(rows.get(0).<String>getAs(PublicationColumns.NOTE))
        .isEqualTo("September conference");
    assertThat(rows.get(0).<String>getAs(PublicationColumns.FORCED_OVER))
        .startsWith("data incomplete: ");
    assertThat(rows.get(2).<String>getAs(PublicationColumns.NOTE)).isNull();
    // The version each froze is the one that held its figures: September's first before the
    // correction (4 participants), its second after (6).
    assertThat(compulsoryAtVersion(rows.get(0).getAs(PublicationColumns.INDICATORS_VERSION)))
        .isEqualTo(4.0);
    assertThat(compulsoryAtVersion(rows.get(2).getAs(PublicationColumns.INDICATORS_VERSION)))
        .isEqualTo(6.0);
    assertThat(secondVintage.stdout()).contains("publish: 2023-09 vintage 2");
    assertThat(published(SEP))
        .containsExactly("reported province 01 v1 4.0", "reported province 01 v2 6.0");
  }

  @Test
  void revisionsCompareTheVintageWithTheCorrectedFigures() {
    // 4 → 6 participants: +2, +50 %; coverage 4/600 → 6/600 of the working-age population;
    // the population did not move.
    assertThat(revisionsAfterCorrection)
        .containsExactly(
            "current nation VN population v1 1000.0 1000.0 0.0 0.0",
            "current nation VN si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "current province 01 population v1 1000.0 1000.0 0.0 0.0",
            "current province 01 si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "current region RRD population v1 1000.0 1000.0 0.0 0.0",
            "current region RRD si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "reported nation VN population v1 1000.0 1000.0 0.0 0.0",
            "reported nation VN si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "reported province 01 population v1 1000.0 1000.0 0.0 0.0",
            "reported province 01 si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "reported region RRD population v1 1000.0 1000.0 0.0 0.0",
            "reported region RRD si_compulsory_participants v1 4.0 6.0 2.0 50.0");
    Row coverage =
        catalog
            .read(RevisionColumns.TABLE)
            .where(col(RevisionColumns.INDICATOR).equalTo(SI_COVERAGE))
            .where(col(RevisionColumns.GEO_CODE).equalTo("01"))
            .where(col(RevisionColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
            .where(col(RevisionColumns.VINTAGE).equalTo(1))
            .first();
    assertThat(coverage.<Double>getAs(RevisionColumns.PUBLISHED_VALUE))
        .isCloseTo(400.0 / 600, within());
    assertThat(coverage.<Double>getAs(RevisionColumns.REVISION)).isCloseTo(200.0 / 600, within());
    assertThat(coverage.<Double>getAs(RevisionColumns.REVISION_PCT)).isCloseTo(50.0, within());
    // After the second vintage and a transform: the first still shows +2, the second none, both
    // against the version of indicators the transform wrote.
    assertThat(
            catalog
                .read(RevisionColumns.TABLE)
                .where(col(RevisionColumns.PERIOD).equalTo(SEP.toString()))
                .select(RevisionColumns.INDICATORS_VERSION)
                .distinct()
                .collectAsList())
        .extracting(r -> r.getLong(0))
        .containsExactly(versionAfterTransform);
    assertThat(revisions(SEP))
        .contains(
            "reported province 01 si_compulsory_participants v1 4.0 6.0 2.0 50.0",
            "reported province 01 si_compulsory_participants v2 6.0 6.0 0.0 0.0");
  }

  @Test
  void aLaterBulletinNotesTheRevisionOfAnEarlierPublishedMonth() {
    String october = new String(afterCorrection.get("bulletin/2023-10.md"), StandardCharsets.UTF_8);
    assertThat(october)
        .contains("## Revisions of earlier months")
        .contains("moved by 0.5% or more")
        // Markdown escapes the underscores of the codes; nation first, then the region.
        .contains(
            "- 2023-09, Việt Nam (nation), si\\_compulsory\\_participants: 4 → 6 (+50.00%),"
                + " vintage 1.")
        .contains(
            "- 2023-09, Việt Nam (nation), si\\_coverage\\_pct: 0.67 → 1.00 (+50.00%), vintage 1.")
        // Ten listed (five figures each for the nation and the region), the province's counted.
        .contains("- … and 5 more (see the revisions table).");
    String september =
        new String(afterCorrection.get("bulletin/2023-09.md"), StandardCharsets.UTF_8);
    assertThat(september).doesNotContain("Revisions of earlier months");
  }

  @Test
  void theReportAsPublishedIsByteForByteTheOneOfThePublication() {
    assertThat(atFirstPublication).isNotEmpty();
    assertThat(atFirstPublication.keySet())
        .contains("bulletin/2023-09.md", "bulletin/2023-09.html")
        .anyMatch(name -> name.startsWith("extracts/report_province_scorecard/period=2023-09/"))
        .anyMatch(name -> name.startsWith("extracts/report_data_quality/period=2023-09/"));
    assertSameFiles(asPublishedAfterCorrection, atFirstPublication);
    // The corrected figures differ: the comparison can fail.
    assertThat(afterCorrection.get("bulletin/2023-09.md"))
        .isNotEqualTo(atFirstPublication.get("bulletin/2023-09.md"));
    // At the end: September's second vintage and October's first, with its revision note, after
    // maintain compacted and vacuumed every table.
    assertSameFiles(asPublishedAtTheEnd, afterCorrection);
  }

  @Test
  void aKilledPublishLeavesNoVintageAndTheNextOneRemovesItsRows() {
    assertThat(kill).hasMessage("killed before the publications row of 2023-10");
    assertThat(publicationsAfterKill).containsExactly("2023-09 v1");
    assertThat(orphanRowsAfterKill).isPositive();
    assertThat(repairingPublish.exitCode()).isZero();
    assertThat(repairingPublish.stdout())
        .contains(
            "publish: removed the rows of unfinished vintages: indicators_published 2023-10 v1")
        .contains("publish: 2023-10 vintage 1");
    long live =
        catalog
            .read(IndicatorColumns.TABLE)
            .where(col(IndicatorColumns.PERIOD).equalTo(OCT.toString()))
            .count();
    assertThat(
            catalog
                .read(PublishedColumns.INDICATORS)
                .where(col(PublishedColumns.PERIOD).equalTo(OCT.toString()))
                .where(col(PublishedColumns.VINTAGE).equalTo(1))
                .count())
        .isEqualTo(live)
        .isEqualTo(orphanRowsAfterKill);
  }

  @Test
  void maintainVacuumsTheFrozenTablesWithoutBreakingAVintage() {
    assertThat(maintain.exitCode()).isZero();
    assertThat(maintain.stdout())
        .contains(PublishedColumns.INDICATORS + ": ")
        .contains(PublicationColumns.TABLE + ": ")
        .contains(RevisionColumns.TABLE + ": ");
  }

  @Test
  void badArgumentsExitTwoWithOneLine() {
    Outcome month = run("publish", "--period", "2023-13");
    assertThat(month.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(month.stderr()).contains("'2023-13' is not a month YYYY-MM");
    Outcome note = run("publish", "--period", "2023-09", "--note", "two\nlines");
    assertThat(note.exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(note.stderr()).contains("--note must be one line");
    assertThat(run("publish").exitCode()).isEqualTo(JobLauncher.BAD_CONFIGURATION);
  }

  @Test
  void noRawPersonIdReachesAFrozenTableOrAReport() {
    for (String table : catalog.tables()) {
      assertThat(catalog.read(table).toJSON().collectAsList().toString())
          .as(table)
          .doesNotContain(FIRST_PERSON);
    }
    for (byte[] file : asPublishedAtTheEnd.values()) {
      assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(FIRST_PERSON);
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  private static double compulsoryAtVersion(long version) {
    return SPARK
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(catalog.path(IndicatorColumns.TABLE))
        .where(col(IndicatorColumns.PERIOD).equalTo(SEP.toString()))
        .where(col(IndicatorColumns.INDICATOR).equalTo(COMPULSORY))
        .where(col(IndicatorColumns.GEO_CODE).equalTo("01"))
        .where(col(IndicatorColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
        .first()
        .<Double>getAs(IndicatorColumns.VALUE);
  }

  private static List<String> published(Period period) {
    return catalog
        .read(PublishedColumns.INDICATORS)
        .where(col(PublishedColumns.PERIOD).equalTo(period.toString()))
        .where(col(IndicatorColumns.INDICATOR).equalTo(COMPULSORY))
        .where(col(IndicatorColumns.GEO_CODE).equalTo("01"))
        .where(col(IndicatorColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
        .orderBy(PublishedColumns.VINTAGE)
        .collectAsList()
        .stream()
        .map(
            r ->
                r.getAs(IndicatorColumns.BOUNDARY)
                    + " "
                    + r.getAs(IndicatorColumns.GEO_LEVEL)
                    + " "
                    + r.getAs(IndicatorColumns.GEO_CODE)
                    + " v"
                    + r.getAs(PublishedColumns.VINTAGE)
                    + " "
                    + r.getAs(IndicatorColumns.VALUE))
        .toList();
  }

  private static List<String> revisions(Period period) {
    return catalog
        .read(RevisionColumns.TABLE)
        .where(col(RevisionColumns.PERIOD).equalTo(period.toString()))
        .where(col(RevisionColumns.INDICATOR).isin(COMPULSORY, POPULATION))
        .where(col(RevisionColumns.GEO_CODE).isin("01", "RRD", IndicatorColumns.NATION_CODE))
        .collectAsList()
        .stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.<String>getAs(RevisionColumns.BOUNDARY),
                    r.<String>getAs(RevisionColumns.GEO_LEVEL),
                    r.<String>getAs(RevisionColumns.GEO_CODE),
                    r.<String>getAs(RevisionColumns.INDICATOR),
                    "v" + r.getAs(RevisionColumns.VINTAGE),
                    String.valueOf(r.<Double>getAs(RevisionColumns.PUBLISHED_VALUE)),
                    String.valueOf(r.<Double>getAs(RevisionColumns.CURRENT_VALUE)),
                    String.valueOf(r.<Double>getAs(RevisionColumns.REVISION)),
                    String.valueOf(r.<Double>getAs(RevisionColumns.REVISION_PCT))))
        .sorted()
        .toList();
  }

  private static List<String> publications() {
    return catalog.read(PublicationColumns.TABLE).collectAsList().stream()
        .map(r -> r.getAs(PublicationColumns.PERIOD) + " v" + r.getAs(PublicationColumns.VINTAGE))
        .toList();
  }

  /** Same names (part files named by their folder) and the same bytes. */
  private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
  }

  /**
   * The report outputs of one period under a root: its extract folders and bulletins, by path;
   * Spark's part files (whose names hold a random id) are named {@code part-N.parquet}; hidden
   * files (checksums, markers) are left out.
   */
  private static Map<String, byte[]> outputs(Path base, Period period) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<Path> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(Files::isRegularFile).sorted().forEach(found::add);
    }
    int part = 0;
    for (Path file : found) {
      String relative = base.relativize(file).toString().replace('\\', '/');
      boolean mine =
          relative.contains("/period=" + period + "/")
              || relative.startsWith("bulletin/" + period + ".");
      if (!mine) {
        continue;
      }
      String name = file.getFileName().toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue; // checksums (named after the part file) and markers: not outputs
      }
      if (name.startsWith("part-")) {
        relative =
            relative.substring(0, relative.lastIndexOf('/') + 1) + "part-" + part++ + ".parquet";
      }
      files.put(relative, Files.readAllBytes(file));
    }
    return files;
  }

  private static void writeReference() throws IOException {
    Path reference = Files.createDirectories(landing.resolve("reference"));
    Files.writeString(
        reference.resolve("population.csv"),
        "year,province_code,population,working_age_population\n2023,01,1000,600\n");
    Files.writeString(
        reference.resolve("targets.csv"),
        "year,geo_code,indicator,target\n2023,01,si_participants,10\n");
  }

  /** {@code persons} compulsory participants of Hà Nội, numbered from {@link #FIRST_PERSON}. */
  private static void writeParticipation(Period period, int persons) throws IOException {
    writeParticipation(period, persons, 0);
  }

  /**
   * {@code persons} compulsory participants of Hà Nội, numbered from {@link #FIRST_PERSON}, and
   * {@code unemployment} unemployment-insurance participants numbered the same way.
   */
  private static void writeParticipation(Period period, int persons, int unemployment)
      throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "period,province_code,district_code,person_id,scheme,hi_group,employer_id,gender,"
                + "birth_year\n");
    for (int i = 0; i < persons; i++) {
      csv.append(period)
          .append(",01,001,")
          .append(Long.parseLong(FIRST_PERSON) + i)
          .append(",SI_COMPULSORY,,0101234567,F,1990\n");
    }
    for (int i = 0; i < unemployment; i++) {
      csv.append(period)
          .append(",01,001,")
          .append(Long.parseLong(FIRST_PERSON) + i)
          .append(",UI,,0101234567,F,1990\n");
    }
    Path file =
        Files.createDirectories(landing.resolve("participation/" + period)).resolve("01.csv");
    Files.writeString(file, csv.toString());
  }

  /** What a command printed and its exit code. */
  private record Outcome(int exitCode, String stdout, String stderr) {}

  /** Runs a command against the test's warehouse and report root. */
  private static Outcome run(String... command) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--conf",
            "pipeline.pseudonymisation.key-file=" + root.resolve("hmac.key"),
            "--conf",
            "pipeline.report-out=" + out));
    args.addAll(List.of(command));
    if (command.length > 0) {
      args.addAll(List.of("--warehouse", warehouse.toString()));
    }
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args.toArray(String[]::new));
      return new Outcome(
          code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
