package vn.bhxh.pipeline.common.error;

/** Input that cannot be used at all (a missing landing folder, an unreadable reference file). */
public class InputException extends PipelineException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
