-- URL functions. Add new queries at the end of the file: case ids are positions.
SELECT url_extract_host('https://www.example.com:8080/a/b?x=1#frag'), url_extract_port('https://www.example.com:8080/a/b'), url_extract_port('https://www.example.com/');
SELECT url_extract_path('https://example.com/a/b.html?x=1'), url_extract_query('https://example.com/a?x=1&y=2#f'), url_extract_fragment('https://example.com/a#frag');
SELECT url_extract_protocol('https://example.com/'), url_extract_protocol('ftp://x.org/file');
SELECT url_extract_parameter('https://example.com/a?x=1&y=2&x=3', 'x'), url_extract_parameter('https://example.com/a?x=1', 'z');
SELECT url_encode('a b&c=d/é'), url_decode('a%20b%26c+d%C3%A9');
SELECT url_extract_host('not a url'), url_extract_path('not a url');
SELECT url_extract_host(NULL), url_extract_parameter('https://e.com/?a=', 'a'), url_extract_parameter('https://e.com/?a', 'a');
SELECT url_extract_query('https://e.com/'), url_extract_fragment('https://e.com/'), url_extract_path('https://e.com');
SELECT url_extract_host('https://user:pw@Example.COM/x'), url_extract_port('http://e.com:99999/');
SELECT url_extract_path('/relative/path?q=1'), url_extract_query('?q=1');
SELECT url_extract_parameter('http://e.com/?q=a%20b', 'q'), url_extract_parameter('http://e.com/?q=a+b', 'q');
SELECT url_encode(''), url_decode(''), url_encode('~-._*');
SELECT url_decode('%zz');
SELECT url_extract_host('http://[::1]:8080/'), url_extract_protocol('mailto:a@b.c');
