package vn.bhxh.pipeline.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class DriverTableReaderTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("command", DataTypes.StringType)
          .add("rows", DataTypes.LongType)
          .add("files", DataTypes.IntegerType)
          .add("share", DataTypes.DoubleType)
          .add("ok", DataTypes.BooleanType)
          .add("started_at", DataTypes.TimestampType)
          .add(
              "details", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true));

  private static final Instant NOON = Instant.parse("2025-10-31T12:00:00.123456Z");

  @TempDir Path warehouse;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void readsWhatSparkReadsAfterAppendsAndADelete() {
    String path = warehouse.resolve("runs").toString();
    append(path, row("nightly", 5L, 2, 0.5, true, NOON, Map.of("a", "1")));
    append(
        path,
        row("ingest", null, 1, null, false, NOON.plusSeconds(60), Map.of()),
        row("nightly", 7L, null, 1.25, null, null, null));
    append(path, row("report", 9L, 3, 2.0, true, NOON.plusSeconds(120), Map.of("b", "x")));
    io.delta.tables.DeltaTable.forPath(spark, path).delete("command = 'report'");

    List<Row> read = reader().read(path, SCHEMA, Map.of());

    assertThat(sorted(read))
        .containsExactly(
            "ingest|null|1|null|false|2025-10-31T12:01:00.123456Z|{}",
            "nightly|5|2|0.5|true|2025-10-31T12:00:00.123456Z|{a=1}",
            "nightly|7|null|1.25|null|null|null");
    assertThat(sorted(read))
        .containsExactlyElementsOf(sorted(spark.read().format("delta").load(path).collectAsList()));
    // Read as a collected row would be: by name, the map through getJavaMap.
    Row first =
        read.stream()
            .filter(r -> Long.valueOf(5).equals(r.getAs("rows")))
            .findFirst()
            .orElseThrow();
    assertThat(first.<String, String>getJavaMap(6)).containsExactly(Map.entry("a", "1"));
    assertThat(first.<Timestamp>getAs("started_at").toInstant()).isEqualTo(NOON);
  }

  @Test
  void filtersOnEqualityAndReadsAMissingColumnAsNull() {
    String path = warehouse.resolve("log").toString();
    append(path, row("nightly", 1L, 1, 1.0, true, NOON, Map.of()));
    append(path, row("ingest", 2L, 1, 1.0, true, NOON, Map.of()));
    append(path, row("nightly", 3L, 1, 1.0, false, NOON, Map.of()));
    StructType asked =
        new StructType()
            .add("command", DataTypes.StringType)
            .add("rows", DataTypes.LongType)
            .add("modified_at", DataTypes.TimestampType);

    List<Row> read = reader().read(path, asked, Map.of("command", "nightly"));

    assertThat(sorted(read)).containsExactly("nightly|1|null", "nightly|3|null");
    assertThat(reader().read(path, asked, Map.of("command", "demo"))).isEmpty();
  }

  @Test
  void aMissingTableHasNoRowsAndAFilterMustBeOnAReadColumn() {
    String path = warehouse.resolve("absent").toString();
    assertThat(reader().read(path, SCHEMA, Map.of())).isEmpty();
    assertThatThrownBy(
            () ->
                reader()
                    .read(
                        path,
                        new StructType().add("rows", DataTypes.LongType),
                        Map.of("command", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("command");
  }

  @Test
  void filesAreThoseOfTheLatestVersionWithTheirPartitionValues() throws Exception {
    String path = warehouse.resolve("silver").toString();
    appendPartitioned(
        path,
        row("nightly", 5L, 2, 0.5, true, NOON, Map.of()),
        row("nightly", 7L, 1, 1.0, true, NOON, Map.of()),
        row("ingest", 1L, 1, 1.0, false, NOON, Map.of()));
    appendPartitioned(path, row("report", 9L, 3, 2.0, true, NOON, Map.of()));
    // The report's only file is removed from the log.
    io.delta.tables.DeltaTable.forPath(spark, path).delete("command = 'report'");
    appendPartitioned(path, row("nightly", 11L, 1, 1.0, true, NOON, Map.of()));

    DriverTableReader.TableFiles listed = reader().files(path).orElseThrow();

    // Four commits: versions 0 to 3.
    assertThat(listed.version()).isEqualTo(3);
    assertThat(listed.files())
        .extracting(DriverTableReader.DataFile::partitionValues)
        .containsExactlyInAnyOrder(
            Map.of("command", "nightly"),
            Map.of("command", "nightly"),
            Map.of("command", "ingest"));
    for (DriverTableReader.DataFile file : listed.files()) {
      Path local = Path.of(new org.apache.hadoop.fs.Path(file.path()).toUri());
      assertThat(local)
          .exists()
          .hasParent(
              warehouse
                  .resolve("silver")
                  .resolve("command=" + file.partitionValues().get("command")));
      assertThat(local.getFileName().toString()).endsWith(".parquet");
      assertThat(file.size()).isEqualTo(Files.size(local));
      assertThat(file.modificationTime()).isEqualTo(Files.getLastModifiedTime(local).toMillis());
      assertThat(file.deletionVector()).isFalse();
    }
    assertThat(listed.files())
        .extracting(DriverTableReader.DataFile::path)
        .containsExactlyInAnyOrder(spark.read().format("delta").load(path).inputFiles());
  }

  @Test
  void aFileWithDeletedRowsHasADeletionVector() {
    String path = warehouse.resolve("runs").toString();
    append(
        path,
        row("nightly", 5L, 2, 0.5, true, NOON, Map.of()),
        row("ingest", 1L, 1, 1.0, false, NOON, Map.of()));
    String first = spark.read().format("delta").load(path).inputFiles()[0];
    append(path, row("report", 9L, 3, 2.0, true, NOON, Map.of()));
    spark.sql(
        "ALTER TABLE delta.`"
            + path
            + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    io.delta.tables.DeltaTable.forPath(spark, path).delete("command = 'ingest'");

    DriverTableReader.TableFiles listed = reader().files(path).orElseThrow();

    assertThat(listed.version()).isEqualTo(3);
    assertThat(listed.files()).hasSize(2);
    assertThat(listed.files())
        .filteredOn(DriverTableReader.DataFile::deletionVector)
        .extracting(DriverTableReader.DataFile::path)
        .containsExactly(first);
    assertThat(listed.files()).allSatisfy(f -> assertThat(f.partitionValues()).isEmpty());
    // The row the vector deletes is not read.
    assertThat(
            sorted(
                reader()
                    .read(path, new StructType().add("command", DataTypes.StringType), Map.of())))
        .containsExactly("nightly", "report");
  }

  @Test
  void aMissingTableHasNoFiles() throws Exception {
    assertThat(reader().files(warehouse.resolve("absent").toString())).isEmpty();
    // A folder that holds no Delta log is no table either.
    Files.createDirectories(warehouse.resolve("empty"));
    assertThat(reader().files(warehouse.resolve("empty").toString())).isEmpty();
  }

  private DriverTableReader reader() {
    return DriverTableReader.of(spark.sparkContext().hadoopConfiguration());
  }

  private void append(String path, Row... rows) {
    append(path, List.of(), rows);
  }

  private void appendPartitioned(String path, Row... rows) {
    append(path, List.of("command"), rows);
  }

  private void append(String path, List<String> partitionColumns, Row... rows) {
    spark
        .createDataFrame(List.of(rows), SCHEMA)
        .coalesce(1)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .partitionBy(partitionColumns.toArray(String[]::new))
        .save(path);
  }

  private static Row row(
      String command,
      Long rows,
      Integer files,
      Double share,
      Boolean ok,
      Instant startedAt,
      Map<String, String> details) {
    return RowFactory.create(
        command,
        rows,
        files,
        share,
        ok,
        startedAt == null ? null : Timestamp.from(startedAt),
        details == null ? null : JavaConverters.mapAsScalaMap(details));
  }

  /** Each row as {@code a|b|…}, timestamps as instants and maps as Java maps; sorted. */
  private static List<String> sorted(List<Row> rows) {
    return rows.stream()
        .map(
            r -> {
              StringBuilder line = new StringBuilder();
              for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                if (v instanceof Timestamp t) {
                  v = t.toInstant();
                } else if (v instanceof scala.collection.Map<?, ?>) {
                  v = new java.util.TreeMap<>(r.<String, String>getJavaMap(i));
                }
                line.append(i == 0 ? "" : "|").append(v);
              }
              return line.toString();
            })
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
