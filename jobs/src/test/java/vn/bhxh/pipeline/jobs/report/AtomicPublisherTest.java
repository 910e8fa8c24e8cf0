package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/** A failure at any step of a publication leaves the previous extract in place and readable. */
@SparkTier
class AtomicPublisherTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final StructType SCHEMA =
      new StructType()
          .add("province_code", DataTypes.StringType)
          .add("si_participants", DataTypes.LongType);

  @TempDir File dir;
  private FileSystem fs;
  private Path target;

  @BeforeEach
  void setUp() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    target = new Path(dir.getAbsolutePath(), "report_province_scorecard/period=2023-10");
  }

  private static Dataset<Row> rows(long... values) {
    List<Row> rows =
        java.util.stream.LongStream.of(values)
            .mapToObj(v -> RowFactory.create(String.format("%02d", v), v))
            .toList();
    return SPARK.createDataFrame(rows, SCHEMA);
  }

  private static void writeParquet(Dataset<Row> rows, Path to) {
    rows.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(to.toString());
  }

  private List<Long> published() {
    return SPARK
        .read()
        .parquet(target.toString())
        .orderBy("si_participants")
        .collectAsList()
        .stream()
        .map(r -> r.getLong(1))
        .toList();
  }

  private List<String> siblings() throws IOException {
    return Stream.of(fs.listStatus(target.getParent()))
        .map(s -> s.getPath().getName())
        .sorted()
        .toList();
  }

  @Test
  void publishesANewVersionAndReplacesTheOldOne() throws IOException {
    AtomicPublisher publisher = new AtomicPublisher(fs);
    publisher.publish(target, "run-1", staging -> writeParquet(rows(1, 2), staging));
    assertThat(published()).containsExactly(1L, 2L);

    publisher.publish(target, "run-2", staging -> writeParquet(rows(3), staging));

    assertThat(published()).containsExactly(3L);
    assertThat(siblings()).containsExactly("period=2023-10");
  }

  @Test
  void aDatasetFailingDuringTheWriteLeavesThePreviousExtract() throws IOException {
    AtomicPublisher publisher = new AtomicPublisher(fs);
    publisher.publish(target, "run-1", staging -> writeParquet(rows(1, 2), staging));

    // The new rows fail while Spark is writing them (after the write has started).
    Dataset<Row> failing =
        rows(5, 6, 7)
            .withColumn(
                "si_participants",
                when(col("si_participants").equalTo(7), raise_error(lit("injected failure")))
                    .otherwise(col("si_participants")));

    assertThatThrownBy(
            () -> publisher.publish(target, "run-2", staging -> writeParquet(failing, staging)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("previous version is unchanged");

    assertThat(published()).containsExactly(1L, 2L);
    assertThat(siblings()).containsExactly("period=2023-10");
  }

  @Test
  void aWriterDyingHalfWayLeavesThePreviousExtract() throws IOException {
    AtomicPublisher publisher = new AtomicPublisher(fs);
    publisher.publish(target, "run-1", staging -> writeParquet(rows(1, 2), staging));

    assertThatThrownBy(
            () ->
                publisher.publish(
                    target,
                    "run-2",
                    staging -> {
                      writeParquet(rows(9), staging); // a complete-looking new version…
                      throw new IllegalStateException("disk full"); // …then the writer dies
                    }))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("disk full");

    assertThat(published()).containsExactly(1L, 2L);
    assertThat(siblings()).containsExactly("period=2023-10");
  }

  @Test
  void aFailedSwapPutsThePreviousVersionBack() throws IOException {
    new AtomicPublisher(fs).publish(target, "run-1", staging -> writeParquet(rows(1, 2), staging));
    // A file system whose rename of the new version into place fails.
    FileSystem failingRename =
        new FilterFileSystem(fs) {
          @Override
          public boolean rename(Path from, Path to) throws IOException {
            if (from.getName().startsWith("_staging-")) {
              throw new IOException("injected rename failure");
            }
            return super.rename(from, to);
          }
        };

    assertThatThrownBy(
            () ->
                new AtomicPublisher(failingRename)
                    .publish(target, "run-2", staging -> writeParquet(rows(9), staging)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("injected rename failure");

    assertThat(published()).containsExactly(1L, 2L);
    assertThat(siblings()).containsExactly("period=2023-10");
  }

  @Test
  void aRunKilledBetweenTheRenamesIsRepairedByTheNextOne() throws IOException {
    AtomicPublisher publisher = new AtomicPublisher(fs);
    publisher.publish(target, "run-1", staging -> writeParquet(rows(1, 2), staging));
    // What a kill after "rename old away" and before "rename new in" leaves on disk.
    Path previous = new Path(target.getParent(), "_previous-" + target.getName());
    assertThat(fs.rename(target, previous)).isTrue();
    writeParquet(rows(9), new Path(target.getParent(), "_staging-period=2023-10-run-2"));

    publisher.recover(target);

    assertThat(published()).containsExactly(1L, 2L);
    assertThat(siblings()).containsExactly("period=2023-10");
  }

  @Test
  void publishesSingleFilesTheSameWay() throws IOException {
    Path bulletin = new Path(dir.getAbsolutePath(), "bulletin/2023-10.md");
    AtomicPublisher publisher = new AtomicPublisher(fs);
    publisher.publish(bulletin, "run-1", staging -> writeText(staging, "first"));
    publisher.publish(bulletin, "run-2", staging -> writeText(staging, "second"));

    File file = new File(dir, "bulletin/2023-10.md");
    assertThat(Files.readString(file.toPath(), StandardCharsets.UTF_8)).isEqualTo("second");
    // Hidden files are the local file system's checksums.
    assertThat(Stream.of(file.getParentFile().list()).filter(name -> !name.startsWith(".")))
        .containsExactly("2023-10.md");
  }

  private void writeText(Path path, String text) {
    try (var stream = fs.create(path, false)) {
      stream.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
