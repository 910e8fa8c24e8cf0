package vn.bhxh.pipeline.jobs.publish;

import java.util.Optional;
import vn.bhxh.pipeline.common.time.Period;

/**
 * What {@code publish} is asked: the period, an optional note, and whether a period that is not
 * ready (incomplete data, validation errors) may be published anyway.
 */
public record PublishRequest(Period period, Optional<String> note, Readiness readiness) {

  /** Whether the readiness checks stop a publish. */
  public enum Readiness {
    /** A period that is not ready is refused, with the reasons. */
    REQUIRED,
    /** {@code --force}: published anyway; the reasons are recorded with the publication. */
    OVERRIDDEN
  }
}
