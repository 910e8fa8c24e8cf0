package vn.bhxh.pipeline.common.spark;

import java.util.List;
import java.util.Map;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Java collections as the Scala ones that Spark's and Delta's Scala APIs take. */
public final class ScalaCollections {
  private ScalaCollections() {}

  /** An immutable Scala sequence of the values, in order. */
  public static <T> Seq<T> seq(List<T> values) {
    return JavaConverters.asScalaBuffer(values).toList();
  }

  /** An immutable Scala map of the entries. */
  public static <V> scala.collection.immutable.Map<String, V> map(Map<String, V> entries) {
    scala.collection.immutable.Map<String, V> result =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (Map.Entry<String, V> entry : entries.entrySet()) {
      result = result.$plus(new Tuple2<>(entry.getKey(), entry.getValue()));
    }
    return result;
  }
}
