package dev.topgun.agent.sample;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** statvfs for one mount point: total, free (to root) and available (to users) bytes. */
public interface DiskSpace {

  record Space(long totalBytes, long freeBytes, long availableBytes) {}

  Optional<Space> of(String mountPoint);

  /** The JDK's FileStore, which reads statvfs(2) on Linux. */
  static DiskSpace fileStores() {
    return mountPoint -> {
      try {
        FileStore store = Files.getFileStore(Path.of(mountPoint));
        return Optional.of(
            new Space(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace()));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    };
  }
}
