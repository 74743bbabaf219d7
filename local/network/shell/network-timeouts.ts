/** glibc's resolver: 5 s per try, 2 tries, before it gives up on a silent server (resolv.conf(5), `timeout` and `attempts` defaults). */
export const RESOLVER_GIVE_UP_SECONDS = 10;

/** Linux gives up a TCP connect after 6 SYN retransmissions, a little over two minutes (tcp(7), `tcp_syn_retries`). */
export const SYN_GIVE_UP_SECONDS = 130;
