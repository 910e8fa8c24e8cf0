package vn.bhxh.pipeline.common.quality;

/**
 * A landing file that cannot be used as a whole (unreadable, not UTF-8, missing columns…). Its
 * message never contains file content, so it is safe to log and to store in {@code ingest_log}.
 */
public final class FileRejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reason;

  public FileRejection(ReasonCode reason, String detail) {
    super(reason.name() + ": " + detail);
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
