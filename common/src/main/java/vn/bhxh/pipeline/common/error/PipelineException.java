package vn.bhxh.pipeline.common.error;

/**
 * Base of every failure the pipeline reports to its user. The message is a complete one-line
 * reason, fit to be printed on stderr as the run's last word; it never contains a raw person ID.
 */
public class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PipelineException(String message) {
    super(message);
  }

  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
