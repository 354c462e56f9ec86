// OpenSSL libcrypto, as the signer needs it: digests through EVP, HMAC through EVP_MAC.
#ifndef AYAME_CLIBCRYPTO_SHIM_H
#define AYAME_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#endif
