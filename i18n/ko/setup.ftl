# First-run set-up of a kiosk, instructor management and enrolling with the sync server.

## First-run set-up
setup-title = 처음 설정
setup-step-center = 1단계: 배움터 정보
setup-step-instructor = 2단계: 첫 선생님
setup-step-server = 3단계: 서버 연결 (하지 않아도 됩니다)
setup-intro-center = 이 키오스크를 두는 배움터를 적어 주세요. 칸을 누르고 아래 자판으로 적습니다.
setup-intro-instructor = 선생님 메뉴를 열 때 쓸 이름과 번호를 정해 주세요. 번호는 확인을 위해 두 번 적습니다.
setup-intro-server = 군청에서 받은 서버 주소와 등록 코드가 있으면 적어 주세요. 없으면 서버 없이 마치고, 나중에 선생님 메뉴의 선생님 관리에서 연결할 수 있습니다.
setup-field-center-name = 배움터 이름
setup-field-county = 군
setup-field-township = 읍·면
setup-field-instructor-name = 선생님 이름
setup-field-pin = 선생님 번호 (숫자 4~8자리)
setup-field-pin-again = 선생님 번호 한 번 더
setup-field-server = 서버 주소
setup-field-code = 등록 코드
setup-next = 다음
setup-previous = 이전 단계
setup-finish-with-server = 연결하고 마치기
setup-finish-without-server = 서버 없이 마치기
setup-saving = 저장하는 중입니다. 잠시만 기다려 주세요.
setup-enrolling = 서버에 연결하는 중입니다. 잠시만 기다려 주세요.
setup-enroll-failed = 서버에 연결하지 못했습니다. { $reason } 서버 없이 마치고 나중에 다시 연결할 수 있습니다.
setup-key-latin = 영어
setup-key-hangul = 한글

## What is wrong with a form, naming the field
setup-invalid-center-name = 배움터 이름을 적어 주세요.
setup-invalid-county = 군 이름을 적어 주세요.
setup-invalid-township = 읍·면 이름을 적어 주세요.
setup-invalid-instructor-name = 선생님 이름을 적어 주세요.
setup-invalid-pin = 선생님 번호는 숫자 4~8자리로 적어 주세요.
setup-invalid-pin-mismatch = 두 번 적은 선생님 번호가 서로 다릅니다. 다시 적어 주세요.
setup-invalid-pin-taken = 다른 선생님이 쓰는 번호입니다. 다른 번호를 정해 주세요.
setup-invalid-unknown-instructor = 이미 명단에 없는 선생님입니다.
setup-invalid-last-instructor = 마지막 남은 선생님은 뺄 수 없습니다. 먼저 다른 선생님을 추가해 주세요.
setup-invalid-removing-self = 지금 선생님 메뉴를 쓰고 계신 분은 스스로 뺄 수 없습니다. 다른 선생님이 빼 주세요.
setup-invalid-server = 서버 주소를 적어 주세요.
setup-invalid-code = 등록 코드를 적어 주세요.

## Instructor management (instructor mode)
instructors-menu = 선생님 관리
instructors-title = 선생님 관리
instructors-count = 선생님 { $count }명
instructors-you = 지금 쓰는 분
instructors-add = 선생님 추가
instructors-add-title = 새 선생님
instructors-save = 추가하기
instructors-cancel = 취소
instructors-remove = 명단에서 빼기
instructors-remove-confirm = { $name } 선생님을 명단에서 뺄까요? 이 선생님의 번호로는 선생님 메뉴를 열 수 없게 됩니다. 기록은 그대로 남습니다.
instructors-remove-yes = 네, 뺍니다
instructors-removed = { $name } 선생님을 명단에서 뺐습니다.
instructors-added = { $name } 선생님을 추가했습니다.
instructors-server = 서버 연결
instructors-server-title = 서버 연결
instructors-server-now = 지금 연결된 서버: { $url }
instructors-server-none = 아직 서버에 연결하지 않았습니다.
instructors-enroll = 연결하기
instructors-enrolled = 서버에 연결했습니다. 군청에 등록된 배움터: { $center }
instructors-enroll-failed = 서버에 연결하지 못했습니다. { $reason }
