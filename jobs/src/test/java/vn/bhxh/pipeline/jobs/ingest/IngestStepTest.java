package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The two loads of {@link IngestStep} on a landing zone of one clean file and no reference files:
 * {@code loadFiles} (nightly's) loads exactly the files given and leaves the geography alone;
 * {@code loadLanding} (ingest's) also writes the geography and notes the missing reference files.
 * And how a data file's columns are encoded. Each test loads into a warehouse of its own.
 */
@JobTier
class IngestStepTest {
  @TempDir static Path temp;

  private static SparkSession spark;

  @BeforeAll
  static void writeLanding() throws IOException {
    spark = SparkTestSession.get();
    Path file = temp.resolve("landing/participation/2024-01/01.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            HostileCorpus.PARTICIPATION_HEADER,
            "2024-01,01,001,0100000001,HI,HOUSEHOLD,,F,1980",
            "2024-01,01,001,0100000002,SI_VOLUNTARY,,,M,1990",
            ""),
        StandardCharsets.UTF_8);
  }

  @Test
  void loadFilesLoadsExactlyTheGivenFilesAndLeavesTheGeographyAlone() {
    JobEnvironment environment = environment("files");
    IngestStep step = IngestStep.open(environment);
    List<LandingFile> monthly =
        LandingZone.list(
            spark.sparkContext().hadoopConfiguration(),
            environment.config().landing(),
            step.geography(),
            PeriodRange.ALL,
            Optional.empty());

    IngestStep.Result result = step.loadFiles(List.of(), monthly);

    RunResult counts = result.runResult();
    assertThat(counts.rowsRead()).isEqualTo(2);
    assertThat(counts.rowsWritten()).isEqualTo(2);
    assertThat(counts.rowsQuarantined()).isZero();
    List<Row> log = environment.catalog().read("ingest_log").collectAsList();
    assertThat(log)
        .extracting(row -> row.getAs("path") + " " + row.getAs("status"))
        .containsExactly("participation/2024-01/01.csv LOADED");
    assertThat(environment.catalog().exists("geography")).isFalse();
    assertThat(printed(result))
        .startsWith("ingest " + environment.run().runId() + "\n")
        .contains("  files: 1 found, 1 loaded, 0 rejected\n")
        .doesNotContain("not found");
  }

  @Test
  void loadLandingWritesTheGeographyAndNotesMissingReferenceFiles() {
    JobEnvironment environment = environment("landing");

    IngestStep.Result result = IngestStep.open(environment).loadLanding(IngestOptions.everything());

    assertThat(result.runResult().rowsRead()).isEqualTo(2);
    assertThat(environment.catalog().read("geography").count()).isPositive();
    assertThat(printed(result))
        .contains("  files: 1 found, 1 loaded, 0 rejected\n")
        .contains("  reference/population.csv not found: its table is unchanged\n")
        .contains("  reference/targets.csv not found: its table is unchanged\n");
  }

  @Test
  void aPersonsKeyIsWrittenWithoutADictionaryAndTheCodesWithOne() throws IOException {
    // 40 persons, each in two schemes: every key twice, which a dictionary would take
    StringBuilder rows = new StringBuilder(HostileCorpus.PARTICIPATION_HEADER).append('\n');
    for (int person = 1; person <= 40; person++) {
      String id = String.format("01%08d", person);
      rows.append("2024-01,01,001,").append(id).append(",HI,HOUSEHOLD,,F,1980\n");
      rows.append("2024-01,01,001,").append(id).append(",SI_VOLUNTARY,,,F,1980\n");
    }
    Path file = temp.resolve("keys-landing/participation/2024-01/01.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, rows, StandardCharsets.UTF_8);
    JobEnvironment environment = environment("keys-landing", "encodings");
    IngestStep.Result result = IngestStep.open(environment).loadLanding(IngestOptions.everything());
    assertThat(result.runResult().rowsWritten()).isEqualTo(80);

    List<Path> data;
    try (Stream<Path> files = Files.walk(temp.resolve("encodings/participation"))) {
      data = files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
    assertThat(data).hasSize(1);
    Map<String, Set<Encoding>> encodings = new HashMap<>();
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(data.get(0).toUri()),
                spark.sparkContext().hadoopConfiguration()))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          encodings
              .computeIfAbsent(column.getPath().toDotString(), c -> new HashSet<>())
              .addAll(column.getEncodings());
        }
      }
    }
    // A key is a 64-bit hash, unique in a data file: its dictionary would be as large as itself.
    assertThat(encodings.get(CommonColumns.PERSON_KEY)).noneMatch(Encoding::usesDictionary);
    assertThat(encodings.get(ParticipationColumns.SCHEME)).anyMatch(Encoding::usesDictionary);
    assertThat(encodings.get(CommonColumns.SOURCE_FILE)).anyMatch(Encoding::usesDictionary);
  }

  private static JobEnvironment environment(String warehouse) {
    return environment("landing", warehouse);
  }

  private static JobEnvironment environment(String landing, String warehouse) {
    PipelineConfig config =
        SparkTestSession.config()
            .withLocations(
                temp.resolve(landing).toString(), temp.resolve(warehouse).toString(), null)
            .withPseudonymisation(
                new PipelineConfig.PseudonymisationSettings(
                    "BHXH_INGEST_TEST_KEY_NOT_SET",
                    temp.resolve("keys/hmac.key").toString(),
                    true));
    RunContext run = RunContext.start("ingest", List.of(), Clock.systemUTC());
    return new JobEnvironment(config, spark, TableCatalog.of(spark, config), run);
  }

  private static String printed(IngestStep.Result result) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    result.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
