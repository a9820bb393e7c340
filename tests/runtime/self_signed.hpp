// Test certificates made at test time with OpenSSL: a self-signed certificate (its own CA) and
// its key, written as PEM files into a temporary directory that is removed afterwards.
#pragma once

#include <filesystem>
#include <string>

namespace wirekit::test {

struct CertificateFiles {
  std::string certificate;  ///< PEM certificate (also the CA file that trusts it)
  std::string private_key;  ///< PEM private key, unencrypted
};

/// A temporary directory, removed with everything in it when this goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

/// Writes `<stem>.crt` and `<stem>.key` into `dir`: a fresh P-256 key and a certificate valid
/// for an hour, self-signed (CA:TRUE), whose subject CN is `common_name` and whose
/// subjectAltName is DNS:`dns_name`, plus IP:`ip_address` when one is given. Throws
/// std::runtime_error when OpenSSL fails.
CertificateFiles make_self_signed(const TempDir& dir, const std::string& stem,
                                  const std::string& common_name, const std::string& dns_name,
                                  const std::string& ip_address = {});

}  // namespace wirekit::test
