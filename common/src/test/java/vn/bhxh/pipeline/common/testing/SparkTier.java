package vn.bhxh.pipeline.common.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that computes on Spark frames (the shared {@link SparkTestSession}): seconds to a
 * minute each. Left out of the fast tier ({@code ./mvnw -B test -Pfast}), where starting Spark
 * fails and names this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("spark")
public @interface SparkTier {}
