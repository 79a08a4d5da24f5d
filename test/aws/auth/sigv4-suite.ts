// Cases of the AWS Signature Version 4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html)
// that apply to a request signed in its headers: the request as received, and the published canonical request,
// hash of the canonical request (the last line of the string to sign) and signature. Headers received more than
// once are joined with `,` as a server hands them over.

/** The suite's key, scope and signing time. */
export const SUITE = Object.freeze({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  amzDate: '20150830T123600Z',
  scope: { date: '20150830', region: 'us-east-1', service: 'service', terminator: 'aws4_request' },
  sessionToken:
    'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
})

/** One case of the suite. */
export interface SuiteCase {
  readonly name: string
  readonly method: string
  readonly path: string
  readonly headers: { readonly [name: string]: string }
  readonly body: string
  readonly signedHeaders: readonly string[]
  readonly creq: string
  readonly canonicalHash: string
  readonly signature: string
}

const HOST = 'example.amazonaws.com'
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
const BASE = ['host', 'x-amz-date'] as const

function plain(name: string, method: string, path: string, creqPath: string, creqQuery: string, canonicalHash: string, signature: string): SuiteCase {
  return {
    name,
    method,
    path,
    headers: { host: HOST, 'x-amz-date': SUITE.amzDate },
    body: '',
    signedHeaders: BASE,
    creq: `${method}\n${creqPath}\n${creqQuery}\nhost:${HOST}\nx-amz-date:${SUITE.amzDate}\n\nhost;x-amz-date\n${EMPTY_HASH}`,
    canonicalHash,
    signature,
  }
}

function withHeader1(name: string, method: string, value: string, canonical: string, canonicalHash: string, signature: string): SuiteCase {
  return {
    name,
    method,
    path: '/',
    headers: { host: HOST, 'my-header1': value, 'x-amz-date': SUITE.amzDate },
    body: '',
    signedHeaders: ['host', 'my-header1', 'x-amz-date'],
    creq: `${method}\n/\n\nhost:${HOST}\nmy-header1:${canonical}\nx-amz-date:${SUITE.amzDate}\n\nhost;my-header1;x-amz-date\n${EMPTY_HASH}`,
    canonicalHash,
    signature,
  }
}

const UNRESERVED = '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const FORM_HASH = '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e'

/** The cases, as published. */
export const SUITE_CASES: readonly SuiteCase[] = [
  withHeader1('get-header-key-duplicate', 'GET', 'value2,value2,value1', 'value2,value2,value1', 'dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c', 'c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea'),
  withHeader1('get-header-value-order', 'GET', 'value4,value1,value3,value2', 'value4,value1,value3,value2', '31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86', '08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01'),
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    headers: { host: HOST, 'my-header1': ' value1', 'my-header2': ' "a   b   c"', 'x-amz-date': SUITE.amzDate },
    body: '',
    signedHeaders: ['host', 'my-header1', 'my-header2', 'x-amz-date'],
    creq: `GET\n/\n\nhost:${HOST}\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:${SUITE.amzDate}\n\nhost;my-header1;my-header2;x-amz-date\n${EMPTY_HASH}`,
    canonicalHash: 'a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  plain('get-unreserved', 'GET', `/${UNRESERVED}`, `/${UNRESERVED}`, '', '6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9', '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f'),
  plain('get-vanilla', 'GET', '/', '/', '', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain('get-vanilla-empty-query-key', 'GET', '/?Param1=value1', '/', 'Param1=value1', '1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab', 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb'),
  plain('get-vanilla-query-order-key', 'GET', '/?Param1=value2&Param1=Value1', '/', 'Param1=Value1&Param1=value2', '704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89', 'eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1'),
  plain('get-vanilla-query-order-key-case', 'GET', '/?Param2=value2&Param1=value1', '/', 'Param1=value1&Param2=value2', '816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'),
  plain('get-vanilla-query-order-value', 'GET', '/?Param1=value2&Param1=value1', '/', 'Param1=value1&Param1=value2', 'c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606', '5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694'),
  plain('get-vanilla-query-unreserved', 'GET', `/?${UNRESERVED}=${UNRESERVED}`, '/', `${UNRESERVED}=${UNRESERVED}`, 'c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177', '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197'),
  plain('get-vanilla-utf8-query', 'GET', '/?\u1234=bar', '/', '%E1%88%B4=bar', 'eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073', '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04'),
  plain('post-header-key-case', 'POST', '/', '/', '', '553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'),
  withHeader1('post-header-key-sort', 'POST', 'value1', 'value1', '9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65', 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c'),
  withHeader1('post-header-value-case', 'POST', 'VALUE1', 'VALUE1', 'd51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93', 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d'),
  plain('post-vanilla', 'POST', '/', '/', '', '553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'),
  plain('post-vanilla-empty-query-value', 'POST', '/?Param1=value1', '/', 'Param1=value1', '9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd', '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11'),
  plain('post-vanilla-query', 'POST', '/?Param1=value1', '/', 'Param1=value1', '9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd', '28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11'),
  // The form cases as first published: a later revision of the .creq files added content-length, which the
  // .authz files of both revisions leave unsigned; the hashes and signatures below are those of the .sts and .authz.
  {
    name: 'post-x-www-form-urlencoded',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: HOST, 'x-amz-date': SUITE.amzDate, 'content-length': '13' },
    body: 'Param1=value1',
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    creq: `POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:${HOST}\nx-amz-date:${SUITE.amzDate}\n\ncontent-type;host;x-amz-date\n${FORM_HASH}`,
    canonicalHash: '42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8', host: HOST, 'x-amz-date': SUITE.amzDate, 'content-length': '13' },
    body: 'Param1=value1',
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    creq: `POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf8\nhost:${HOST}\nx-amz-date:${SUITE.amzDate}\n\ncontent-type;host;x-amz-date\n${FORM_HASH}`,
    canonicalHash: '2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c',
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
  plain('get-relative', 'GET', '/example/..', '/', '', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain('get-relative-relative', 'GET', '/example1/example2/../..', '/', '', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain('get-slash', 'GET', '//', '/', '', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain('get-slash-dot-slash', 'GET', '/./', '/', '', 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'),
  plain('get-slash-pointless-dot', 'GET', '/./example', '/example', '', '214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702', 'ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5'),
  plain('get-slashes', 'GET', '//example//', '/example/', '', 'cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015', '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84'),
  plain('get-space', 'GET', '/example space/', '/example%20space/', '', '63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86', '652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741'),
  {
    name: 'post-sts-header-before',
    method: 'POST',
    path: '/',
    headers: { host: HOST, 'x-amz-date': SUITE.amzDate, 'x-amz-security-token': SUITE.sessionToken },
    body: '',
    signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
    creq: `POST\n/\n\nhost:${HOST}\nx-amz-date:${SUITE.amzDate}\nx-amz-security-token:${SUITE.sessionToken}\n\nhost;x-amz-date;x-amz-security-token\n${EMPTY_HASH}`,
    canonicalHash: 'c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
  {
    ...plain('post-sts-header-after', 'POST', '/', '/', '', '553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'),
    headers: { host: HOST, 'x-amz-date': SUITE.amzDate, 'x-amz-security-token': SUITE.sessionToken },
  },
]
