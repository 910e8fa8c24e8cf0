package vn.bhxh.pipeline.jobs.ingest;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Counters the file tasks of a batch add to as each file ends: time in the parser and in validation
 * and the task's whole time from opening the file to its last row (for the benchmark's split: the
 * rest of a task's time goes to turning its rows into Spark's format and caching them), and files
 * and rows done (for progress while a batch runs). Accumulators reach the driver when a task ends;
 * a task retried after a failure counts twice, so the figures are for reporting, never for control.
 */
record TaskMetrics(
    LongAccumulator parseNanos,
    LongAccumulator validateNanos,
    LongAccumulator fileTaskNanos,
    LongAccumulator filesDone,
    LongAccumulator rowsRead)
    implements Serializable {

  static TaskMetrics register(SparkContext context) {
    return new TaskMetrics(
        context.longAccumulator("ingest.parse.nanos"),
        context.longAccumulator("ingest.validate.nanos"),
        context.longAccumulator("ingest.file-task.nanos"),
        context.longAccumulator("ingest.files.done"),
        context.longAccumulator("ingest.rows.read"));
  }
}
