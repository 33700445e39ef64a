#include "netns.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "asemu/core/error.h"

namespace asemu::runtime::linuxos {

namespace {

std::string sysError(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// /run/netns must be a shared mount point so that namespaces created later also show in the
// mount namespaces of running processes; iproute2 prepares it the same way.
void prepareNetnsDir() {
  static bool done = false;
  if (done) return;
  mkdir("/run", 0755);
  if (mkdir(kNetnsDir, 0755) != 0 && errno != EEXIST)
    throw Error(kNetnsDir, sysError("cannot create directory"));
  if (mount("", kNetnsDir, "none", MS_SHARED | MS_REC, nullptr) != 0) {
    if (errno != EINVAL) throw Error(kNetnsDir, sysError("cannot make shared"));
    if (mount(kNetnsDir, kNetnsDir, "none", MS_BIND | MS_REC, nullptr) != 0)
      throw Error(kNetnsDir, sysError("cannot bind onto itself"));
    if (mount("", kNetnsDir, "none", MS_SHARED | MS_REC, nullptr) != 0)
      throw Error(kNetnsDir, sysError("cannot make shared"));
  }
  done = true;
}

void writeSysctl(const std::string& ns, const plan::Sysctl& s) {
  std::string path = "/proc/sys/" + s.key;
  for (size_t i = 10; i < path.size(); ++i)
    if (path[i] == '.') path[i] = '/';
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ns, sysError("sysctl " + s.key));
  ssize_t n = write(fd, s.value.data(), s.value.size());
  int saved = errno;
  close(fd);
  if (n != ssize_t(s.value.size())) {
    errno = saved;
    throw Error(ns, sysError("sysctl " + s.key + "=" + s.value));
  }
}

}  // namespace

std::string netnsPath(const std::string& name) {
  return std::string(kNetnsDir) + "/" + name;
}

void createNetns(const std::string& name, const std::vector<plan::Sysctl>& sysctls) {
  prepareNetnsDir();
  std::string path = netnsPath(name);
  int fd = open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (fd < 0) throw Error(name, sysError("cannot create " + path));
  close(fd);
  int home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home < 0) throw Error(name, sysError("cannot open own namespace"));
  std::string failure;
  if (unshare(CLONE_NEWNET) != 0) {
    failure = sysError("cannot create network namespace");
  } else {
    if (mount("/proc/thread-self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0)
      failure = sysError("cannot bind namespace to " + path);
    if (failure.empty()) {
      try {
        for (const auto& s : sysctls) writeSysctl(name, s);
      } catch (const Error& e) {
        failure = e.message();
      }
    }
    if (setns(home, CLONE_NEWNET) != 0) {
      close(home);
      throw Error(name, sysError("cannot return to own network namespace"));
    }
  }
  close(home);
  if (!failure.empty()) {
    deleteNetns(name);
    throw Error(name, failure);
  }
}

void deleteNetns(const std::string& name) {
  std::string path = netnsPath(name);
  umount2(path.c_str(), MNT_DETACH);
  if (unlink(path.c_str()) != 0 && errno != ENOENT)
    throw Error(name, sysError("cannot remove " + path));
}

std::vector<std::string> listNetns() {
  std::vector<std::string> out;
  DIR* d = opendir(kNetnsDir);
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  closedir(d);
  return out;
}

ino_t netnsInode(const std::string& name) {
  struct stat st;
  if (stat(netnsPath(name).c_str(), &st) != 0) return 0;
  return st.st_ino;
}

NamespaceGuard::NamespaceGuard(const std::string& ns) {
  home_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  int fd = open(netnsPath(ns).c_str(), O_RDONLY | O_CLOEXEC);
  if (home_ < 0 || fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
    int saved = errno;
    if (fd >= 0) close(fd);
    if (home_ >= 0) close(home_);
    throw Error(ns, std::string("cannot enter network namespace: ") + std::strerror(saved));
  }
  close(fd);
}

NamespaceGuard::~NamespaceGuard() {
  if (setns(home_, CLONE_NEWNET) != 0) std::abort();  // a thread in the wrong namespace
  close(home_);
}

}  // namespace asemu::runtime::linuxos
