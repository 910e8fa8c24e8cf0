package vn.bhxh.pipeline.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;
import scala.collection.JavaConverters;

/** Delta tables of a test, read from their logs (the shared {@link SparkTestSession}). */
public final class DeltaTables {
  private DeltaTables() {}

  /** The table's latest snapshot (version -1 when it was never written). */
  public static Snapshot latest(Path table) {
    return DeltaLog.forTable(SparkTestSession.get(), table.toUri().toString())
        .update(false, Option.empty(), Option.empty());
  }

  /**
   * Asserts that two tables are defined alike: the same schema, partition columns, properties and
   * protocol (their ids and creation times differ).
   */
  public static void assertDefinedAlike(Path actual, Path expected) {
    Snapshot ours = latest(actual);
    Snapshot theirs = latest(expected);
    assertThat(ours.metadata().schema()).isEqualTo(theirs.metadata().schema());
    assertThat(JavaConverters.seqAsJavaList(ours.metadata().partitionColumns()))
        .isEqualTo(JavaConverters.seqAsJavaList(theirs.metadata().partitionColumns()));
    assertThat(JavaConverters.mapAsJavaMap(ours.metadata().configuration()))
        .isEqualTo(JavaConverters.mapAsJavaMap(theirs.metadata().configuration()));
    assertThat(ours.protocol()).isEqualTo(theirs.protocol());
  }
}
