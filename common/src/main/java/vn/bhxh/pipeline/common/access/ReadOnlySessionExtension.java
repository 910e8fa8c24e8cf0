package vn.bhxh.pipeline.common.access;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension ({@code spark.sql.extensions}, added by the session factory after
 * Delta's) that puts a {@link GuardedParser} around the session's parser. It does nothing to a
 * session until {@link ReadOnlySessions#guard} marks it read-only.
 */
public final class ReadOnlySessionExtension
    implements Function1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectParser(GuardedParser::new);
    return BoxedUnit.UNIT;
  }
}
