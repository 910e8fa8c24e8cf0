package vn.bhxh.pipeline.common.nightly;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The few atomic file operations {@link RunLock} is built on. Two implementations: {@link
 * LocalLockStorage} (java.nio, a local or NFS-free POSIX file system) and {@link HadoopLockStorage}
 * (a Hadoop {@code FileSystem}: atomic on HDFS, not on object stores).
 */
interface LockStorage {

  /** What a lock file looks like at one moment. */
  record State(byte[] content, Instant heartbeat, Object fileKey) {
    public State {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    /**
     * Whether two observations are of the same file in the same state: same identity where the file
     * system has one (inode), same bytes and same heartbeat. A holder that beat in between, or a
     * new holder's file, is a different state.
     */
    public boolean sameAs(State other) {
      return Objects.equals(fileKey, other.fileKey)
          && Arrays.equals(content, other.content)
          && heartbeat.equals(other.heartbeat);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof State && sameAs((State) other);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(content), heartbeat, fileKey);
    }

    @Override
    public String toString() {
      return "State[" + content.length + " bytes, heartbeat " + heartbeat + "]";
    }
  }

  /** Where the lock is, for messages. */
  String location();

  /**
   * Creates the lock file with this content, atomically failing when it exists.
   *
   * @return false when a lock file already exists
   */
  boolean createNew(byte[] content) throws IOException;

  /** The lock file now; empty when there is none. */
  Optional<State> read() throws IOException;

  /** Sets the heartbeat (modification time) of the lock file. */
  void touch(Instant heartbeat) throws IOException;

  /**
   * Atomically renames the lock file to a private name ({@code <lock>.<tag>}), so that exactly one
   * of several runs gets it.
   *
   * @return the state of the file moved, empty when there was no lock file to move
   */
  Optional<State> moveAside(String tag) throws IOException;

  /**
   * Puts a file moved aside back as the lock, unless a lock file exists again.
   *
   * @return false when another lock file was there first (the moved one is then deleted)
   */
  boolean restore(String tag) throws IOException;

  /** Deletes a file moved aside. */
  void deleteAside(String tag) throws IOException;
}
