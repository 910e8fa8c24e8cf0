package vn.bhxh.pipeline.jobs.ingest;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;

/**
 * Large files read as byte ranges by many tasks give exactly what reading them whole gives. The
 * same landing zone is ingested twice: with {@code split-bytes = 8K}, which cuts each file of about
 * 250 KB into some thirty ranges, and {@code batch-bytes = 300K}, which makes each file a batch of
 * its own (so each batch's write overlaps the next one's read, {@link BatchPipeline}); and with
 * ranges and one batch larger than any file. Every table must be equal row for row (lineage aside),
 * and the cut run's figures are also checked against values worked out from how the files were
 * written:
 *
 * <ul>
 *   <li>{@code 01.csv}: bad rows in later ranges (their line numbers are the file's, not the
 *       range's), quoted commas; read in ranges, never again whole;
 *   <li>{@code 08.csv}: a key repeated 3 000 rows after its first row (ranges apart): read again
 *       whole, the later row quarantined as a duplicate;
 *   <li>{@code 79.csv}: a quoted field of 9 000 characters holding a line break, so that a cut
 *       falls inside quotes: read again whole, the field one value, the lines after it counted
 *       right;
 *   <li>{@code 91.csv}: invalid UTF-8 near its end: read again whole (a range's reason would name a
 *       line of the range), and rejected as a whole read rejects it.
 * </ul>
 */
@JobTier
class SplitIngestTest {
  @TempDir static Path temp;

  private static final int ROWS = 4_000;
  private static final String HEADER =
      "period,province_code,district_code,person_id,scheme,hi_group,employer_id,gender,birth_year";
  private static SparkSession spark;
  private static RunResult cut;
  private static RunResult whole;

  @BeforeAll
  static void ingestTwice() throws IOException {
    spark = SparkTestSession.get();
    Path landing = temp.resolve("landing");
    Path month = landing.resolve("participation/2025-10");
    Files.createDirectories(month);
    Files.writeString(month.resolve("01.csv"), file01());
    Files.writeString(month.resolve("08.csv"), file08());
    Files.writeString(month.resolve("79.csv"), file79());
    Files.write(month.resolve("91.csv"), file91());
    cut = ingest("cut", "8K", "300K");
    whole = ingest("whole", "1G", "1G");
  }

  @Test
  void cutAndWholeReadsGiveTheSameTables() {
    for (String table : List.of("participation", "quarantine", "ingest_log")) {
      assertThat(snapshot("cut", table)).as(table).isEqualTo(snapshot("whole", table));
    }
    assertThat(cut.rowsRead()).isEqualTo(whole.rowsRead());
    assertThat(cut.rowsQuarantined()).isEqualTo(whole.rowsQuarantined());
  }

  @Test
  void theLargeFilesWereReallyReadInRangesAndTheUntrustedOnesAgainWhole() {
    assertThat(Long.parseLong(cut.details().get("ranges_read"))).isGreaterThan(60);
    // 08 (a key in two ranges), 79 (a cut inside quotes) and 91 (a range rejected).
    assertThat(cut.details().get("files_read_again_whole")).isEqualTo("3");
    assertThat(whole.details().get("ranges_read")).isEqualTo("4");
    assertThat(whole.details().get("files_read_again_whole")).isEqualTo("0");
  }

  @Test
  void countsAndLineNumbersAreThoseOfTheFiles() {
    Map<String, String> log = new TreeMap<>();
    table("cut", "ingest_log")
        .collectAsList()
        .forEach(
            r ->
                log.put(
                    r.<String>getAs("path"),
                    r.getAs("status")
                        + " "
                        + r.getAs("rows_read")
                        + "="
                        + r.getAs("rows_accepted")
                        + "+"
                        + r.getAs("rows_quarantined")));
    assertThat(log)
        .containsExactly(
            Map.entry("participation/2025-10/01.csv", "LOADED 4000=3998+2"),
            Map.entry("participation/2025-10/08.csv", "LOADED 4000=3999+1"),
            Map.entry("participation/2025-10/79.csv", "LOADED 4000=3999+1"),
            Map.entry("participation/2025-10/91.csv", "REJECTED 0=0+0"));
    Map<String, String> quarantined = new TreeMap<>();
    table("cut", "quarantine")
        .collectAsList()
        .forEach(
            r ->
                quarantined.put(
                    r.<String>getAs("source_file") + ":" + r.getAs("line_number"),
                    String.join(",", r.<String>getList(r.fieldIndex("reason_codes")))));
    assertThat(quarantined)
        .containsExactly(
            Map.entry("participation/2025-10/01.csv:2502", "BAD_PERSON_ID"),
            Map.entry("participation/2025-10/01.csv:3702", "BAD_PERSON_ID"),
            Map.entry("participation/2025-10/08.csv:3502", "DUPLICATE_PERSON_SCHEME"),
            // 79: row 2000 spans two lines, so row 3000 is on line 3003.
            Map.entry("participation/2025-10/79.csv:3003", "BAD_PERSON_ID"));
    String rejection =
        table("cut", "ingest_log")
            .filter("path = 'participation/2025-10/91.csv'")
            .first()
            .getAs("rejection_reason");
    // The decoder reads ahead of the parser (a buffer of up to a million characters), so "near" is
    // a line at or before the bad one; the whole read names the same line (first test).
    assertThat(rejection).startsWith("NOT_UTF8: invalid UTF-8 near line ");
    assertThat(Integer.parseInt(rejection.substring(rejection.lastIndexOf(' ') + 1)))
        .isBetween(1, 3_902);
    Row longField =
        table("cut", "participation")
            .filter("source_file = 'participation/2025-10/79.csv' AND length(employer_id) > 100")
            .first();
    assertThat(longField.<String>getAs("employer_id")).hasSize(9_005).contains("\n");
  }

  // ---- the files ----

  /** A good row: one person per row, schemes in turn. */
  private static String row(String province, int i, long personBase) {
    return row(province, String.valueOf(personBase + i), i, "EMP" + (i % 97));
  }

  private static String row(String province, String personId, int i, String employer) {
    String scheme = List.of("SI_COMPULSORY", "UI", "HI", "SI_VOLUNTARY").get(i % 4);
    String group = scheme.equals("HI") ? "HOUSEHOLD" : "";
    return "2025-10,"
        + province
        + ",001,"
        + personId
        + ","
        + scheme
        + ","
        + group
        + ","
        + employer
        + ","
        + (i % 2 == 0 ? "M" : "F")
        + ","
        + (1960 + i % 40)
        + "\n";
  }

  /** Row i is on line i + 2. Bad: rows 2500 and 3700. No key repeats, so no range is re-read. */
  private static String file01() {
    StringBuilder file = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < ROWS; i++) {
      if (i == 2500 || i == 3700) {
        file.append(row("01", "12345", i, "EMP"));
      } else if (i % 500 == 7) {
        file.append(row("01", String.valueOf(1_000_000_000L + i), i, "\"EMP, Ltd\""));
      } else {
        file.append(row("01", i, 1_000_000_000L));
      }
    }
    return file.toString();
  }

  /** Row 3500 repeats row 500 (same person, same scheme). */
  private static String file08() {
    StringBuilder file = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < ROWS; i++) {
      file.append(row("08", i == 3500 ? 500 : i, 2_000_000_000L));
    }
    return file.toString();
  }

  /**
   * Row 2000's employer is 9 000 X's, a line break and a Y, in quotes: longer than the distance
   * between two cuts, so a cut falls before the line break; row 3000 is bad.
   */
  private static String file79() {
    StringBuilder file = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < ROWS; i++) {
      if (i == 2000) {
        file.append(row("79", "3000002000", i, "\"EMP" + "X".repeat(9_000) + "\nY\""));
      } else if (i == 3000) {
        file.append(row("79", "ABCDEFGHIJ", i, "EMP"));
      } else {
        file.append(row("79", i, 3_000_000_000L));
      }
    }
    return file.toString();
  }

  /** Good rows, then a byte that is not UTF-8 in row 3900 (line 3902). */
  private static byte[] file91() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < ROWS; i++) {
      String line = row("91", i, 4_000_000_000L);
      if (i == 3900) {
        line = line.replace("EMP", "EM\u00FF");
        file.write(line.getBytes(StandardCharsets.ISO_8859_1));
      } else {
        file.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return file.toByteArray();
  }

  // ---- helpers ----

  private static RunResult ingest(String name, String splitBytes, String batchBytes) {
    PipelineConfig config =
        ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "pipeline.spark.master=local[2]",
                    "pipeline.spark.shuffle-partitions=2",
                    "pipeline.spark.ui-enabled=false",
                    "pipeline.ingest.split-bytes=" + splitBytes,
                    "pipeline.ingest.batch-bytes=" + batchBytes))
            .withLocations(temp.resolve("landing").toString(), temp.resolve(name).toString(), null)
            .withPseudonymisation(
                new PipelineConfig.PseudonymisationSettings(
                    "BHXH_SPLIT_TEST_KEY_NOT_SET", temp.resolve("keys/hmac.key").toString(), true));
    TableCatalog catalog = TableCatalog.of(spark, config);
    RunContext run = RunContext.start("ingest", List.of(), Clock.systemUTC());
    return IngestJob.run(
        new vn.bhxh.pipeline.jobs.cli.JobEnvironment(config, spark, catalog, run),
        IngestOptions.everything(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static Dataset<Row> table(String warehouse, String name) {
    return spark.read().format("delta").load(temp.resolve(warehouse).resolve(name).toString());
  }

  /** A table's rows as sorted text, without the columns that name the run. */
  private static List<String> snapshot(String warehouse, String name) {
    Dataset<Row> rows = table(warehouse, name);
    for (String lineage : List.of("run_id", "quarantined_at", "ingested_at")) {
      rows = rows.drop(lineage);
    }
    List<String> text = new ArrayList<>();
    rows.collectAsList().forEach(row -> text.add(row.toString()));
    text.sort(String::compareTo);
    return text;
  }
}
