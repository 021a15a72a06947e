#include <runback/report/urgency_text.hpp>

#include <runback/report/emergency_number.hpp>

namespace runback::report {

using rules::Urgency;

std::string_view urgency_headline(Urgency urgency) {
    switch (urgency) {
    case Urgency::emergency: return "EMERGENCY: get help now";
    case Urgency::urgent: return "URGENT: see a doctor within 24 hours";
    case Urgency::see_clinician: return "SEE SOMEONE: book a doctor or physiotherapist";
    case Urgency::self_care: return "SELF-CARE: you can manage this at home";
    }
    return {};
}

std::string urgency_meaning(Urgency urgency, std::string_view emergency_number) {
    switch (urgency) {
    case Urgency::emergency:
        return "Go to an emergency department now, or " + call_phrase(emergency_number) +
               ". Do not drive yourself, and do not wait to see whether it passes.";
    case Urgency::urgent:
        return "See a doctor within 24 hours. If you cannot get an appointment today, call your "
               "doctor's out-of-hours service or a medical helpline (111 in the UK).";
    case Urgency::see_clinician:
        return "Book an appointment with a doctor or physiotherapist within 1 to 2 weeks.";
    case Urgency::self_care:
        return "Your answers point to common, mechanical back pain. Manage it at home with the "
               "advice below, keep moving, and see someone if it is not better in 2 to 6 weeks.";
    }
    return {};
}

std::string_view disclaimer() {
    return "runback names likely causes from your answers; it does not diagnose. It does not "
           "replace a doctor or physiotherapist: if you are worried, see one.";
}

}  // namespace runback::report
