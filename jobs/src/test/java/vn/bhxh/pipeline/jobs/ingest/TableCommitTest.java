package vn.bhxh.pipeline.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.testing.DeltaTables;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;

/**
 * A table that {@link TableCommit} creates is the table Delta's own first write creates: the same
 * schema (made nullable), partitioning, properties and protocol, compared with a table written by
 * {@code DataFrameWriter} into Delta, not with values of this code's own.
 */
@JobTier
class TableCommitTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType, false)
          .add("province_code", DataTypes.StringType, false)
          .add("amount", DataTypes.LongType, true);
  // a property that raises the protocol (change data feed needs writer version 4), and one that
  // does not
  private static final Map<String, String> PROPERTIES =
      Map.of(
          "delta.dataSkippingStatsColumns", "province_code",
          "delta.enableChangeDataFeed", "true");

  @TempDir static Path temp;

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  @Test
  void aTableItCreatesIsTheTableDeltasOwnWriteCreates() {
    Path ours = temp.resolve("ours");
    Path delta = temp.resolve("delta");
    TableCommit.replace(
        spark,
        ours.toUri().toString(),
        SCHEMA,
        List.of("period"),
        "period = '2025-10' AND province_code IN ('01')",
        List.of(),
        PROPERTIES);
    spark
        .createDataFrame(List.of(), SCHEMA)
        .write()
        .format("delta")
        .mode("overwrite")
        .partitionBy("period")
        .options(PROPERTIES)
        .save(delta.toUri().toString());

    DeltaTables.assertDefinedAlike(ours, delta);
    Snapshot created = DeltaTables.latest(ours);
    assertThat(created.version()).isZero();
    assertThat(created.metadata().schema().apply("period").nullable()).isTrue();
    assertThat(JavaConverters.seqAsJavaList(created.metadata().partitionColumns()))
        .containsExactly("period");
    assertThat(JavaConverters.mapAsJavaMap(created.metadata().configuration()))
        .containsAllEntriesOf(PROPERTIES);
    assertThat(created.protocol().minWriterVersion()).isGreaterThanOrEqualTo(4);
    assertThat(created.allFiles().count()).isZero();
  }
}
