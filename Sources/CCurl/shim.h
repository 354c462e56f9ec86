// libcurl's setopt/getinfo entry points are variadic, which Swift cannot call; these typed
// wrappers give Swift one non-variadic function per argument type.
#ifndef AYAME_CCURL_SHIM_H
#define AYAME_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode ayame_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ayame_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ayame_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ayame_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ayame_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*ayame_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
static inline CURLcode ayame_easy_setopt_data_callback(CURL *handle, CURLoption option, ayame_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
typedef int (*ayame_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode ayame_easy_setopt_xferinfo_callback(CURL *handle, ayame_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}
typedef int (*ayame_sockopt_callback)(void *userdata, curl_socket_t fd, curlsocktype purpose);
typedef int (*ayame_seek_callback)(void *userdata, curl_off_t offset, int origin);
static inline CURLcode ayame_easy_setopt_seek_callback(CURL *handle, ayame_seek_callback value) {
    return curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, value);
}
// These return values are macros built from other macros, which Swift does not import.
static inline size_t ayame_readfunc_pause(void) { return CURL_READFUNC_PAUSE; }
static inline size_t ayame_readfunc_abort(void) { return CURL_READFUNC_ABORT; }
static inline size_t ayame_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline long ayame_global_all(void) { return CURL_GLOBAL_ALL; }
static inline int ayame_pause_recv(void) { return CURLPAUSE_RECV; }
static inline int ayame_pause_send(void) { return CURLPAUSE_SEND; }
static inline int ayame_pause_cont(void) { return CURLPAUSE_CONT; }
static inline CURLcode ayame_curl_msg_result(const CURLMsg *message) { return message->data.result; }
static inline CURLcode ayame_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode ayame_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode ayame_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode ayame_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode ayame_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
#endif
