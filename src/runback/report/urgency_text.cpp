#include <runback/report/urgency_text.hpp>

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

std::string_view urgency_meaning(Urgency urgency) {
    switch (urgency) {
    case Urgency::emergency:
        return "Go to an emergency department or call emergency services now: 112 in Europe, "
               "911 in North America, 999 in the UK, 000 in Australia. Do not drive yourself, "
               "and do not wait to see whether it passes.";
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

std::string_view when_to_seek_care(Urgency urgency) {
    switch (urgency) {
    case Urgency::emergency:
        return "Now. Tell them about your back pain and the warning signs you noticed.";
    case Urgency::urgent:
        return "Within 24 hours. Go to an emergency department at once instead if you notice "
               "new trouble passing urine or controlling your bladder or bowels, numbness around "
               "your genitals or buttocks, or weakness, numbness or pain in both legs.";
    case Urgency::see_clinician:
        return "Within 1 to 2 weeks. Sooner, within 24 hours, if the pain becomes much worse or "
               "you develop a fever or feel unwell. Go to an emergency department at once if you "
               "notice trouble controlling your bladder or bowels, numbness around your genitals "
               "or buttocks, or new weakness in a leg.";
    case Urgency::self_care:
        return "If it is not better in 2 to 6 weeks, or it gets worse, book a doctor or "
               "physiotherapist. See a doctor within 24 hours if you develop a fever, feel "
               "unwell, or the pain is worse at night and does not ease. Go to an emergency "
               "department at once if you notice trouble controlling your bladder or bowels, "
               "numbness around your genitals or buttocks, or weakness in your legs.";
    }
    return {};
}

std::string_view disclaimer() {
    return "runback names likely causes from your answers; it does not diagnose. It does not "
           "replace a doctor or physiotherapist: if you are worried, see one.";
}

}  // namespace runback::report
