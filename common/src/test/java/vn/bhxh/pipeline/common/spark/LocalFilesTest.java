package vn.bhxh.pipeline.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hadoop's own local file system is the oracle: every answer is compared with its answer. */
class LocalFilesTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration configuration(boolean ours) {
    Configuration conf = new Configuration(false);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    if (ours) {
      conf.set("fs.file.impl", LocalFiles.FileSystem.class.getName());
      conf.set("fs.AbstractFileSystem.file.impl", LocalFiles.Fs.class.getName());
    } else {
      conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
      conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.LocalFs");
    }
    return conf;
  }

  private Path path(String name) {
    return new Path(dir.resolve(name).toUri());
  }

  private static String mode(java.nio.file.Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void modesAreTheNineLowBits() {
    assertThat(PosixFilePermissions.toString(LocalFiles.posix((short) 0644)))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(LocalFiles.posix((short) 0751)))
        .isEqualTo("rwxr-x--x");
    assertThat(LocalFiles.posix((short) 0)).isEmpty();
  }

  @Test
  void filesAndTheirChecksumsAreCreatedWithHadoopsPermissions() throws Exception {
    FileSystem ours = FileSystem.get(dir.toUri(), configuration(true));
    FileSystem hadoops = FileSystem.get(dir.toUri(), configuration(false));
    assertThat(ours).isInstanceOf(LocalFiles.FileSystem.class);
    ours.create(path("ours.txt")).close();
    hadoops.create(path("hadoops.txt")).close();
    ours.mkdirs(path("ours-dir"), new FsPermission((short) 0750));
    hadoops.mkdirs(path("hadoops-dir"), new FsPermission((short) 0750));

    assertThat(mode(dir.resolve("ours.txt"))).isEqualTo(mode(dir.resolve("hadoops.txt")));
    assertThat(mode(dir.resolve(".ours.txt.crc"))).isEqualTo(mode(dir.resolve(".hadoops.txt.crc")));
    assertThat(mode(dir.resolve("ours-dir"))).isEqualTo(mode(dir.resolve("hadoops-dir")));

    ours.setPermission(path("ours.txt"), new FsPermission((short) 0600));
    assertThat(mode(dir.resolve("ours.txt"))).isEqualTo("rw-------");
  }

  @Test
  void linkStatusIsHadoopsForFilesLinksAndMissingPaths() throws Exception {
    FileSystem ours = FileSystem.get(dir.toUri(), configuration(true));
    FileSystem hadoops = FileSystem.get(dir.toUri(), configuration(false));
    Files.writeString(dir.resolve("file.txt"), "12345");
    Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("file.txt"));

    for (String name : new String[] {"file.txt", "link.txt"}) {
      FileStatus mine = ours.getFileLinkStatus(path(name));
      FileStatus theirs = hadoops.getFileLinkStatus(path(name));
      assertThat(mine.getPath()).isEqualTo(theirs.getPath());
      assertThat(mine.isSymlink()).isEqualTo(theirs.isSymlink());
      assertThat(mine.isFile()).isEqualTo(theirs.isFile());
      assertThat(mine.getLen()).isEqualTo(theirs.getLen());
      assertThat(mine.getModificationTime()).isEqualTo(theirs.getModificationTime());
      if (mine.isSymlink()) {
        assertThat(mine.getSymlink()).isEqualTo(theirs.getSymlink());
      }
    }
    assertThatThrownBy(() -> ours.getFileLinkStatus(path("missing.txt")))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aFileContextRenameMovesTheFileAndItsChecksumAndNeverReplaces() throws Exception {
    // Delta's log store commits a version this way: write a temporary file, rename it without
    // overwriting; a second writer of the same version must fail.
    FileContext context = FileContext.getFileContext(dir.toUri(), configuration(true));
    try (var out =
        context.create(
            path("tmp.json"), java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.writeString(dir.resolve("taken.json"), "[]");

    context.rename(path("tmp.json"), path("00.json"), Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("00.json"))).isEqualTo("{}");
    assertThat(dir.resolve(".00.json.crc")).exists();
    assertThat(dir.resolve("tmp.json")).doesNotExist();
    assertThat(dir.resolve(".tmp.json.crc")).doesNotExist();

    assertThatThrownBy(
            () -> context.rename(path("00.json"), path("taken.json"), Options.Rename.NONE))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("taken.json"))).isEqualTo("[]");
  }
}
