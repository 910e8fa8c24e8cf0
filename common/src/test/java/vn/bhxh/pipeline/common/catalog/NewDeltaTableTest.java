package vn.bhxh.pipeline.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.testing.DeltaTables;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * A table {@link NewDeltaTable#create} makes is the one Delta's own write of no rows makes:
 * compared with a table written by {@code DataFrameWriter}, not with values of this class's own.
 */
@SparkTier
class NewDeltaTableTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("period", DataTypes.StringType, false)
          .add("province_code", DataTypes.StringType, false)
          .add("rows", DataTypes.LongType, true);

  @TempDir static Path temp;

  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static Row lastCommit(Path table) {
    return io.delta.tables.DeltaTable.forPath(spark, table.toUri().toString())
        .history(1)
        .selectExpr(
            "version",
            "operation",
            "operationParameters['mode']",
            "operationParameters['partitionBy']",
            "operationMetrics['numOutputRows']")
        .head();
  }

  @Test
  void createsTheTableDeltasWriteOfNoRowsCreatesAndOnlyOnce() {
    Path ours = temp.resolve("ours");
    Path delta = temp.resolve("delta");

    boolean created =
        NewDeltaTable.create(spark, ours.toUri().toString(), SCHEMA, List.of("period"));
    boolean again = NewDeltaTable.create(spark, ours.toUri().toString(), SCHEMA, List.of());
    spark
        .createDataFrame(List.of(), SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.ErrorIfExists)
        .partitionBy("period")
        .save(delta.toUri().toString());

    assertThat(created).isTrue();
    assertThat(again).isFalse();
    DeltaTables.assertDefinedAlike(ours, delta);
    Snapshot made = DeltaTables.latest(ours);
    assertThat(made.version()).isZero();
    assertThat(made.metadata().schema().fieldNames())
        .containsExactly("period", "province_code", "rows");
    assertThat(JavaConverters.seqAsJavaList(made.metadata().partitionColumns()))
        .containsExactly("period");
    assertThat(lastCommit(ours)).isEqualTo(lastCommit(delta));
  }
}
