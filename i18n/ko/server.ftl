# The county sync server's pages: certificate verification, statistics, the activist
# registry and sign-in for county staff.

dashboard-nav-kiosks = 키오스크 현황
dashboard-nav-statistics = 교육 통계
dashboard-nav-registry = 활동가 명부

verify-title = 증명서 확인
verify-genuine = 진짜 증명서입니다
verify-genuine-body = 이 번호와 확인 코드는 군 서버에 기록된 증명서와 일치합니다.
verify-label-number = 증명서 번호
verify-label-holder = 이름
verify-label-course = 과정
verify-label-hours = 인정 시간
verify-label-date = 발급일
verify-label-center = 발급 기관
verify-masked-note = 개인정보를 보호하려고 이름의 일부를 가렸습니다.
verify-erased = 발급된 증명서이지만, 본인의 요청으로 이름 등 개인정보를 지웠습니다.
verify-holder-unknown = 서버에 아직 없음
verify-not-found-title = 확인되지 않는 증명서
verify-not-found-body = 이 번호와 확인 코드로 등록된 증명서를 찾을 수 없습니다. 증명서에 적힌 번호와 확인 코드를 다시 살펴보시거나, 발급한 디지털배움터에 문의해 주세요.
verify-form-title = 번호와 코드로 확인하기
verify-form-number = 증명서 번호
verify-form-code = 확인 코드
verify-form-submit = 확인하기
server-hours-minutes = { $hours }시간 { $minutes }분
server-date = { $year }년 { $month }월 { $day }일

stats-title = 교육 통계
stats-intro = 월·배움터·과정별로 셉니다. 키오스크 시계가 틀렸던 기록은 서버가 잰 시계 차이만큼 바로잡아 셉니다.
stats-col-month = 월
stats-col-course = 과정
stats-col-sessions = 수업 수
stats-col-learners = 학습자 수
stats-col-minutes = 출석 시간(분)
stats-col-hours = 출석 시간
stats-col-lessons = 끝낸 단원
stats-col-certifications = 자격 취득
stats-small-cell = * 5명 미만입니다. 밖에 공개하는 자료에서는 가려 주세요.
stats-learners-note = 학습자 수는 과정마다 따로 셉니다. 두 과정을 들은 분은 두 번 셉니다.
stats-none = 아직 집계할 기록이 없습니다.
stats-download-csv = 엑셀용 CSV 내려받기
stats-filter-from = 시작 월
stats-filter-to = 끝 월
stats-filter-apply = 보기
stats-bad-month = 월은 2026-11처럼 적어 주세요.
stats-need-sign-in = 이 서버 밖에서 통계를 보려면 담당자 로그인이 필요합니다.

registry-title = 디지털 지역활동가 명부
registry-col-name = 이름
registry-col-center = 배움터
registry-col-course = 과정
registry-col-date = 취득일
registry-col-number = 증명서 번호
registry-col-hours = 인정 시간
registry-erased = (본인 요청으로 삭제됨)
registry-unknown = (등록 정보 없음)
registry-none = 아직 자격을 취득한 활동가가 없습니다.
registry-purpose-prompt = 명부에는 개인정보가 있습니다. 열람 목적을 적어 주세요. 누가, 언제, 왜 보았는지 기록이 남습니다.
registry-purpose-label = 열람 목적 (예: 활동비 정산)
registry-purpose-submit = 명부 보기
registry-logged = { $who } 님의 열람을 기록했습니다. 목적: { $purpose }
registry-download-csv = 엑셀용 CSV 내려받기

login-title = 담당자 로그인
login-prompt = 개인정보가 있는 화면은 관리자 토큰이 있어야 볼 수 있습니다. 토큰은 서버에서 sync-server admin-token 명령으로 만듭니다.
login-token-label = 관리자 토큰
login-submit = 로그인
login-failed = 토큰이 맞지 않습니다. 다시 확인해 주세요.
login-signed-in = { $who } 님으로 로그인했습니다.
login-logout = 로그아웃

# Staff pages and throttling (docs/security.md)
dashboard-need-sign-in = 이 서버 밖에서 키오스크 목록을 보려면 담당자 로그인이 필요합니다.
login-too-many = 로그인 시도가 너무 많습니다. { $seconds }초 뒤에 다시 해 주세요.
verify-too-many-title = 잠시 뒤에 다시 확인해 주세요
verify-too-many-body = 짧은 시간에 확인 요청이 너무 많았습니다. { $seconds }초 뒤에 다시 해 주세요.
